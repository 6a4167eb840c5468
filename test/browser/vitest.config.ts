import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: a real `warden serve` child process driven by Debian's Chromium.
// The web UI is built once, before any test file runs.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/harness/build-web.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
