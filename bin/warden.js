#!/usr/bin/env node
// `warden`: the CLI compiled into dist/ (`npm run build`), run by plain node.
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(main)) await import(main.href);
else {
  process.stderr.write("warden: this checkout is not built yet: run `npm run build` first.\n");
  process.exitCode = 1;
}
