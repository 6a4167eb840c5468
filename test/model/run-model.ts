/**
 * `npm run test:model -- --runs 5000 [--seed N]`: runs the assurance model test
 * (test/integration/assurance-model.test.ts) with more sequences than the
 * suite's 200, or replays a failure's seed.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5000" }, seed: { type: "string" } },
  allowPositionals: false,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error("--runs takes a whole number of sequences, such as --runs 5000");
  process.exit(2);
}
if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
  console.error("--seed takes the whole number a failure printed, such as --seed -873782473");
  process.exit(2);
}
const result = spawnSync("npx", ["vitest", "run", "test/integration/assurance-model.test.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    WARDEN_MODEL_RUNS: String(runs),
    ...(values.seed !== undefined ? { WARDEN_MODEL_SEED: values.seed } : {}),
  },
});
process.exitCode = result.status ?? 1;
