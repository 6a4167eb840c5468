import { defineConfig } from "vitest/config";

// The unit and integration suite. Browser tests have their own config (test/browser).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/integration/**/*.test.ts", "test/security/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
