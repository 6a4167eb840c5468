import { ensurePgliteTemplate } from "./pglite-template.ts";
import { TEST_DATABASE_URL } from "./test-runtime.ts";

/** Runs once before the suite: builds the migrated PGlite template the tests copy. */
export default async function setup(): Promise<void> {
  if (!TEST_DATABASE_URL) await ensurePgliteTemplate();
}
