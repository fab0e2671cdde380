import { Migrator, sql, type MigrationResultSet } from "kysely";
import { dialectOf, type DB } from "./client";
import { migrations } from "./migrations";

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  // On PostgreSQL the migrator is told its schema: without one it looks for its own tables in
  // every schema of the database, and would take another schema's (another test file's, say)
  // for its own.
  const schema = dialectOf(db) === "postgres" ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  // Features land in parallel, so a development database may have run a later-named migration
  // first; each migration stands alone, so order among unapplied ones does not matter.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`La migración ${failed} falló: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
