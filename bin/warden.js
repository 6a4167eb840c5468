#!/usr/bin/env node
// `warden`: the CLI compiled into dist/ (`npm run build`), run by plain node. In a checkout that is
// not built yet, the TypeScript sources run through tsx (a devDependency) instead.
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
const source = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(main)) await import(main.href);
else if (existsSync(source)) {
  const tsx = await import("tsx/esm/api").catch(() => null);
  if (tsx) {
    tsx.register();
    await import(source.href);
  } else {
    process.stderr.write(
      "warden: this checkout is not built and has no tsx: run `npm ci && npm run build`.\n",
    );
    process.exitCode = 1;
  }
} else {
  process.stderr.write("warden: this installation has no dist/: reinstall the package.\n");
  process.exitCode = 1;
}
