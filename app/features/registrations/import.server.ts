import { parse } from "csv-parse/sync";
import type { DB } from "~db/client";
import { actorOf } from "~/server/audit.server";
import { listCities } from "~/features/cities/queries.server";
import { importRowSchema, parseRecord, type ImportRow } from "~/features/registrations/forms";
import type { RegistrationErrorKey } from "~/features/registrations/rules";
import { registerForEncounter } from "~/features/registrations/commands/register.server";

// Importing a list of invited officials from CSV: first a preview (every row checked like the
// form would check it, refusals listed with their reasons, nothing registered), kept in
// registration_imports; then the run, in chunks, so a page can show a progress bar and a long
// file never holds one request or one transaction for minutes. Each row is registered like a
// form registration (capacity, quota and waiting list alike) in its own transaction; a row
// whose email is already registered is counted as such and left alone.

export const importLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 5000, chunk: 50 } as const;

type Field = keyof ImportRow | "city";

// Column names as people write them, accents, case, spaces and underscores ignored.
const aliases: Record<string, Field> = {
  fullname: "fullName",
  nombre: "fullName",
  nombrecompleto: "fullName",
  nombres: "fullName",
  name: "fullName",
  email: "email",
  correo: "email",
  correoelectronico: "email",
  mail: "email",
  citydane: "cityDane",
  dane: "cityDane",
  codigodane: "cityDane",
  ciudaddane: "cityDane",
  city: "city",
  ciudad: "city",
  entity: "entity",
  entidad: "entity",
  position: "position",
  cargo: "position",
  phone: "phone",
  telefono: "phone",
  celular: "phone",
  needs: "needs",
  necesidades: "needs",
};

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s_.-]+/g, "");
}

export interface ValidRow extends ImportRow {
  line: number;
}
export interface RefusedRow {
  line: number;
  name: string;
  email: string;
  reasons: Array<{ field: string; error: RegistrationErrorKey | "duplicateInFile"; line?: number }>;
}
export interface ImportResults {
  confirmed: number;
  waitlisted: number;
  existing: number;
  failed: number;
  failures: Array<{ line: number; email: string; reason: string }>;
}

export type PreviewResult =
  | { ok: true; importId: number }
  | { ok: false; error: "badFile" | "missingColumns" | "tooMany" | "tooLarge" | "noRows"; detail?: string };

/** Checks a CSV and keeps its rows for the run; registers nobody. */
export async function previewImport(db: DB, input: { encounterId: number; organizerId: number; fileName: string; text: string }): Promise<PreviewResult> {
  if (Buffer.byteLength(input.text, "utf8") > importLimits.maxBytes) return { ok: false, error: "tooLarge" };
  const text = input.text.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    return { ok: false, error: "badFile", detail: error instanceof Error ? error.message.slice(0, 200) : "" };
  }
  if (records.length < 2) return { ok: false, error: "noRows" };
  if (records.length - 1 > importLimits.maxRows) return { ok: false, error: "tooMany" };

  const columns = records[0].map((name) => aliases[fold(name)] ?? null);
  const has = (field: Field) => columns.includes(field);
  const missing = (["fullName", "email", "entity", "position"] as const).filter((f) => !has(f));
  if (!has("cityDane") && !has("city")) missing.push("cityDane" as never);
  if (missing.length) return { ok: false, error: "missingColumns", detail: missing.join(", ") };

  const cities = await listCities(db);
  const daneCodes = new Set(cities.map((c) => c.dane));
  const byName = new Map(cities.map((c) => [fold(c.name), c.dane]));
  const valid: ValidRow[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const raw: Record<string, string> = {};
    columns.forEach((field, i) => {
      if (field && record[i] !== undefined && raw[field] === undefined) raw[field] = record[i];
    });
    // A city by name ("Medellín") when there is no DANE code.
    if (!raw.cityDane && raw.city) raw.cityDane = byName.get(fold(raw.city)) ?? raw.city;
    delete raw.city;
    const parsed = parseRecord(importRowSchema, raw);
    const reasons: RefusedRow["reasons"] = [];
    if (!parsed.ok) for (const [field, error] of Object.entries(parsed.errors)) if (error) reasons.push({ field, error });
    if (parsed.ok && !daneCodes.has(parsed.data.cityDane)) reasons.push({ field: "cityDane", error: "city" });
    const email = parsed.ok ? parsed.data.email : (raw.email ?? "").trim().toLowerCase();
    if (email && seen.has(email)) reasons.push({ field: "email", error: "duplicateInFile", line: seen.get(email) });
    else if (email) seen.set(email, line);
    if (parsed.ok && reasons.length === 0) valid.push({ line, ...parsed.data });
    else refused.push({ line, name: (raw.fullName ?? "").slice(0, 120), email: email.slice(0, 254), reasons });
  });

  const row = await db
    .insertInto("registration_imports")
    .values({
      encounter_id: input.encounterId,
      organizer_id: input.organizerId,
      // eslint-disable-next-line no-control-regex
      file_name: input.fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "importacion.csv",
      rows: JSON.stringify(valid),
      refused: JSON.stringify(refused),
      total: records.length - 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, importId: row.id };
}

export async function findImport(db: DB, importId: number, encounterId: number) {
  const row = await db.selectFrom("registration_imports").selectAll().where("id", "=", importId).where("encounter_id", "=", encounterId).executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    rows: JSON.parse(row.rows) as ValidRow[],
    refused: JSON.parse(row.refused) as RefusedRow[],
    results: { confirmed: 0, waitlisted: 0, existing: 0, failed: 0, failures: [], ...(JSON.parse(row.results) as Partial<ImportResults>) } as ImportResults,
  };
}

export type ChunkResult = { processed: number; total: number; done: boolean; results: ImportResults } | null;

/** Registers the next chunk of an import's rows; call again until done. */
export async function runImportChunk(db: DB, input: { importId: number; encounterId: number; organizerId: number; notify: boolean; chunk?: number; now?: Date }): Promise<ChunkResult> {
  const current = await findImport(db, input.importId, input.encounterId);
  if (!current) return null;
  const total = current.rows.length;
  if (current.status === "done" || current.processed >= total) return { processed: current.processed, total, done: true, results: current.results };
  const slice = current.rows.slice(current.processed, current.processed + (input.chunk ?? importLimits.chunk));
  const results = current.results;
  for (const row of slice) {
    const outcome = await registerForEncounter(
      db,
      input.encounterId,
      { fullName: row.fullName, email: row.email, cityDane: row.cityDane, entity: row.entity, position: row.position, phone: row.phone, needs: row.needs },
      {
        locale: "es",
        source: "import",
        ignoreWindow: true,
        notify: input.notify,
        mailDuplicates: false,
        registeredBy: input.organizerId,
        actor: actorOf.organizer(input.organizerId),
        now: input.now,
      },
    );
    if (outcome.kind === "confirmed") results.confirmed++;
    else if (outcome.kind === "waitlisted") results.waitlisted++;
    else if (outcome.kind === "duplicate") results.existing++;
    else {
      results.failed++;
      const reason = outcome.kind === "invalid" ? Object.values(outcome.errors).join(", ") : outcome.kind;
      if (results.failures.length < 500) results.failures.push({ line: row.line, email: row.email, reason });
    }
  }
  const processed = current.processed + slice.length;
  const done = processed >= total;
  // Conditional on where this chunk started: a second tab running the same import moves on
  // from where the first left off (rows seen twice come back as "already registered").
  await db
    .updateTable("registration_imports")
    .set({ processed, results: JSON.stringify(results), notify: input.notify ? 1 : 0, status: done ? "done" : "running", finished_at: done ? new Date().toISOString() : null })
    .where("id", "=", current.id)
    .where("processed", "=", current.processed)
    .execute();
  return { processed, total, done, results };
}
