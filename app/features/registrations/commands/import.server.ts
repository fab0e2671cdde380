import type { DB } from "~db/client";
import { actorOf } from "~/server/audit.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { findImport } from "~/features/registrations/queries.server";
import { importLimits, type ImportResults, type RefusedRow, type ValidRow } from "~/features/registrations/rules";

// Importing a list of invited officials: the preview's rows are kept in registration_imports;
// then the run, in chunks, so a page can show a progress bar and a long file never holds one
// request or one transaction for minutes. Each row is registered like a form registration
// (capacity, quota and waiting list alike) in its own transaction; a row whose email is
// already registered is counted as such and left alone.

/** Keeps a checked file's rows, valid and refused, for the run; returns the import's id. */
export async function storeImportPreview(
  db: DB,
  input: { encounterId: number; organizerId: number; fileName: string; valid: ValidRow[]; refused: RefusedRow[]; total: number },
): Promise<number> {
  const row = await db
    .insertInto("registration_imports")
    .values({
      encounter_id: input.encounterId,
      organizer_id: input.organizerId,
      // eslint-disable-next-line no-control-regex
      file_name: input.fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "importacion.csv",
      rows: JSON.stringify(input.valid),
      refused: JSON.stringify(input.refused),
      total: input.total,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ChunkResult = { processed: number; total: number; done: boolean; results: ImportResults } | null;

/** Registers the next chunk of an import's rows; call again until done. */
export async function runImportChunk(
  db: DB,
  input: { importId: number; encounterId: number; organizerId: number; notify: boolean; chunk?: number; now?: Date },
): Promise<ChunkResult> {
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
    .set({
      processed,
      results: JSON.stringify(results),
      notify: input.notify ? 1 : 0,
      status: done ? "done" : "running",
      finished_at: done ? new Date().toISOString() : null,
    })
    .where("id", "=", current.id)
    .where("processed", "=", current.processed)
    .execute();
  return { processed, total, done, results };
}
