import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import { WardenError } from "../domain/errors.ts";
import { migrations } from "./migrations/index.ts";

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date, each migration in its own transaction. Safe to
 * call from several processes at once: Kysely's migrator holds an advisory lock.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new WardenError(
      "integrity",
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}. The schema was left at the last good migration.`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
