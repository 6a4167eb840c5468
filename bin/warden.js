#!/usr/bin/env node
// Runs the TypeScript CLI with the tsx loader so that `npx warden …` works from a checkout.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// One process (node with the tsx loader), so that signals reach Warden itself.
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", join(root, "src", "cli", "main.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
    cwd: process.cwd(),
  },
);
process.exit(result.status ?? 1);
