import { Migrator, type MigrationResultSet } from "kysely";
import type { DB } from "./client";
import { migrations } from "./migrations";

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`La migración ${failed} falló: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
