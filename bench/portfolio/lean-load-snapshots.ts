/**
 * The lean snapshot loader this benchmark prototyped is now the product's own
 * (`src/services/playbook/load-snapshots.ts`); the "prototype lean loader"
 * column therefore re-measures the product's loader.
 */
export { loadSnapshots as leanLoadSnapshots } from "../../src/services/playbook/load-snapshots.ts";
