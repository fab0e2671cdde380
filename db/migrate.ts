import { Migrator, type MigrationResultSet } from "kysely";
import type { DB } from "./client";
import { migrations } from "./migrations";

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  // Features land in parallel, so a development database may have run a later-named migration
  // first; each migration stands alone, so order among unapplied ones does not matter.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`La migración ${failed} falló: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
