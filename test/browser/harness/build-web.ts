import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "./repo-root.ts";

/** Vitest global setup: the browser tests need the built SPA that the server serves from dist/web. */
export default function buildWeb(): void {
  // Vitest sets NODE_ENV=test, which would give React's development build; test what users get.
  const result = spawnSync("npm", ["run", "build:web"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(
      `npm run build:web failed (exit ${result.status ?? result.signal}); the browser tests need it.`,
    );
  }
}
