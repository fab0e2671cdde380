import { parse } from "csv-parse/sync";
import type { DB } from "~db/client";
import { listCities } from "~/features/cities/queries.server";
import { storeImportPreview } from "~/features/registrations/commands/import.server";
import { importRowSchema, parseRecord, type ImportRow } from "~/features/registrations/forms";
import { importLimits, type RefusedRow, type ValidRow } from "~/features/registrations/rules";

// Reading a list of invited officials from CSV, the preview of an import: every row checked
// like the form would check it (the same schema), refusals listed with their reasons, nothing
// registered. The rows are kept by commands/import.server.ts, which also runs the import.

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
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s_.-]+/g, "");
}

export type PreviewResult =
  { ok: true; importId: number } | { ok: false; error: "badFile" | "missingColumns" | "tooMany" | "tooLarge" | "noRows"; detail?: string };

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

  const importId = await storeImportPreview(db, {
    encounterId: input.encounterId,
    organizerId: input.organizerId,
    fileName: input.fileName,
    valid,
    refused,
    total: records.length - 1,
  });
  return { ok: true, importId };
}
