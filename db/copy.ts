import { sql, type Kysely } from "kysely";
import { dialectOf, type DB } from "./client";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import type { Database } from "./schema";
import { writeTransaction } from "./write-transaction";

// Copies a whole Convoca database into an empty one (SQLite → PostgreSQL, or either to either),
// ids and all, in one transaction on the target: it ends with every row there or none.

/** A refusal the user can act on (non-empty target, source at another migration level…). */
export class CopyRefused extends Error {}

function entry<T extends keyof Database>(table: T, ...key: (keyof Database[T] & string)[]) {
  return { table, key } as const;
}

// Parents before children, so that every foreign key finds its row already copied (the test
// checks this order against the foreign keys the migrations create). No table references itself
// and there is no cycle: materials.current_version_id points at material_versions without a
// foreign key. Rows are read in key order, which would also keep a self-reference valid.
export const copyTables = [
  entry("cities", "id"),
  entry("organizers", "id"),
  entry("participants", "id"),
  entry("sessions", "id"),
  entry("login_tokens", "id"),
  entry("rate_limits", "key"),
  entry("public_versions", "scope"),
  entry("encounters", "id"),
  entry("encounter_city_places", "encounter_id", "city_id"),
  entry("agenda_items", "id"),
  entry("speakers", "id"),
  entry("agenda_item_speakers", "agenda_item_id", "speaker_id", "role"),
  entry("agenda_notifications", "id"),
  entry("agenda_changes", "id"),
  entry("invitations", "id"),
  entry("registrations", "id"),
  entry("registration_questions", "id"),
  entry("registration_answers", "id"),
  entry("profile_change_requests", "id"),
  entry("registration_imports", "id"),
  entry("certificates", "id"),
  entry("materials", "id"),
  entry("material_versions", "id"),
  entry("downloads", "id"),
  entry("commitments", "id"),
  entry("commitment_updates", "id"),
  entry("city_roster", "id"),
  entry("city_email_domains", "id"),
  entry("official_mails", "id"),
  entry("messages", "id"),
  entry("message_deliveries", "id"),
  entry("encounter_reminder_settings", "encounter_id"),
  entry("certificate_settings", "encounter_id"),
  entry("certificate_logos", "id"),
  entry("certificate_signatories", "id"),
  entry("encounter_minutes", "encounter_id"),
  entry("session_minutes", "id"),
  entry("surveys", "id"),
  entry("survey_questions", "id"),
  entry("survey_responses", "id"),
  entry("survey_answers", "id"),
  entry("follow_up_plans", "encounter_id"),
  entry("follow_up_events", "id"),
  entry("follow_up_runners", "runner"),
  entry("email_outbox", "id"),
  entry("email_outbox_bodies", "outbox_id"),
  entry("audit_log", "id"),
];

// tsc fails here, naming the table, when db/schema.ts gains a table this list lacks.
type Missing = Exclude<keyof Database, (typeof copyTables)[number]["table"]>;
const everyTableListed: [Missing] extends [never] ? true : Missing = true;
void everyTableListed;

export type CopyCounts = { table: string; rows: number }[];

/** User tables of the database (the migrator's own left out), as the engine lists them. */
export async function tablesOf(db: Kysely<any>): Promise<string[]> {
  const result =
    dialectOf(db) === "postgres"
      ? await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return result.rows.map((r) => r.name).filter((name) => !name.startsWith("kysely_"));
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0].n);
}

async function tablesWithRows(db: Kysely<any>): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tablesOf(db)) {
    if (
      await db
        .selectFrom(table)
        .select(sql`1`.as("one"))
        .limit(1)
        .executeTakeFirst()
    )
      found.push(table);
  }
  return found;
}

async function assertSameMigrations(from: DB): Promise<void> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(from)).rows.map((r) => r.name);
  } catch {
    throw new CopyRefused("El origen no tiene la tabla kysely_migration: no parece una base de datos de Convoca.");
  }
  const known = Object.keys(migrations);
  const missing = known.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !known.includes(name));
  if (missing.length) {
    throw new CopyRefused(`Al origen le faltan migraciones: ${missing.join(", ")}. Ejecute npm run db:migrate sobre el origen y vuelva a intentarlo.`);
  }
  if (unknown.length) {
    throw new CopyRefused(`El origen tiene migraciones que esta versión de Convoca no conoce: ${unknown.join(", ")}. Copie con la versión que las creó.`);
  }
}

function assertListed(tables: string[], side: string): void {
  const listed = new Set<string>(copyTables.map((t) => t.table));
  const unlisted = tables.filter((t) => !listed.has(t));
  if (unlisted.length) throw new CopyRefused(`${side} tiene tablas que la copia no conoce (añádalas a db/copy.ts): ${unlisted.join(", ")}.`);
}

// The widest insert stays far below SQLite's and PostgreSQL's limits on bound parameters.
const maxParameters = 30_000;

async function copyTable(source: Kysely<any>, target: Kysely<any>, table: string, key: readonly string[], batchSize: number): Promise<number> {
  let copied = 0;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    // Keyset pagination: each batch starts after the previous one's last key.
    let query = source.selectFrom(table).selectAll().limit(batchSize);
    for (const k of key) query = query.orderBy(k);
    if (last) {
      const after = last;
      query = query.where(sql<boolean>`(${sql.join(key.map((k) => sql.ref(k)))}) > (${sql.join(key.map((k) => after[k]))})`);
    }
    const rows = await query.execute();
    if (!rows.length) return copied;
    const perInsert = Math.max(1, Math.min(rows.length, Math.floor(maxParameters / Object.keys(rows[0]).length)));
    for (let i = 0; i < rows.length; i += perInsert)
      await target
        .insertInto(table)
        .values(rows.slice(i, i + perInsert))
        .execute();
    copied += rows.length;
    last = rows[rows.length - 1];
  }
}

// Ids were inserted as given, which PostgreSQL's sequences do not notice (SQLite's
// AUTOINCREMENT does): without this the next insert would be handed id 1 again.
async function resetSequences(target: Kysely<any>): Promise<void> {
  const serials = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(target);
  for (const { table_name: table, column_name: column } of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(
      target,
    );
  }
}

async function assertEmpty(db: DB): Promise<void> {
  const occupied = await tablesWithRows(db);
  if (occupied.length) throw new CopyRefused(`El destino no está vacío (tiene filas en ${occupied.join(", ")}); no se copió nada.`);
}

/**
 * Copies every row of `from` into `to`, which is migrated first and must hold no rows. Returns
 * the rows per table, in copy order. Throws CopyRefused, having written nothing, when the copy
 * cannot be made as asked.
 */
export async function copyDatabase(from: DB, to: DB, options: { batchSize?: number } = {}): Promise<CopyCounts> {
  const batchSize = options.batchSize ?? 500;
  await assertSameMigrations(from);
  // A `?schema=` that names no schema leaves search_path empty: say so rather than let the
  // migrator fail on a missing table.
  if (dialectOf(to) === "postgres" && !(await sql<{ s: string | null }>`select current_schema() as s`.execute(to)).rows[0]?.s) {
    throw new CopyRefused("El esquema del destino no existe: créelo (create schema …) o quite ?schema= de la URL.");
  }
  // Checked before migrating too, so that a database refused here is left exactly as it was.
  await assertEmpty(to);
  await migrateToLatest(to);

  // One snapshot of the source (repeatable read on PostgreSQL; SQLite's read transaction is
  // one already), so a source still in use yields a consistent copy and the counts compared
  // at the end are the counts of what was read.
  return from
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (source) =>
      writeTransaction(to, async (target) => {
        assertListed(await tablesOf(source), "El origen");
        assertListed(await tablesOf(target), "El destino");
        await assertEmpty(target);

        for (const { table, key } of copyTables) {
          try {
            await copyTable(source, target, table, key, batchSize);
          } catch (error) {
            throw new Error(`Falló la copia de la tabla ${table}: ${(error as Error).message}. Se deshizo la copia.`, { cause: error });
          }
        }

        const counts: CopyCounts = [];
        const differing: string[] = [];
        for (const { table } of copyTables) {
          const [inSource, inTarget] = [await countRows(source, table), await countRows(target, table)];
          if (inSource !== inTarget) differing.push(`${table} (origen ${inSource}, destino ${inTarget})`);
          counts.push({ table, rows: inTarget });
        }
        if (differing.length) throw new Error(`Las cuentas de filas no coinciden tras copiar: ${differing.join("; ")}. Se deshizo la copia.`);
        // Last, after the check: setval is not undone by a rollback.
        if (dialectOf(target) === "postgres") await resetSequences(target);
        return counts;
      }),
    );
}
