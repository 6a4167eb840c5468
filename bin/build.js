#!/usr/bin/env node
// Builds Warden into dist/: the server and the CLI compiled by tsc
// (tsconfig.build.json) with the data files they read beside them, and the web
// bundle (vite) in dist/web. `--if-stale` builds only the part that is missing
// or older than its sources, so `npm start` costs nothing when nothing changed;
// `--web` builds the web bundle alone.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const serverStamp = join(dist, ".server-built");
const webIndex = join(dist, "web", "index.html");

// Folders the browser bundle cannot import at run time (they need Node): a change
// there leaves the web bundle as it is.
const serverOnly = ["cli", "jobs", "server", "services", "store"].map((name) => join(src, name));
const buildConfig = ["package-lock.json", "tsconfig.json", "tsconfig.build.json"].map((f) => join(root, f));

/** Every file under `dir`, recursively. */
function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

const isTest = (path) => /\.test\.tsx?$/.test(path);
const under = (path, dir) => path === dir || path.startsWith(dir + sep);

/** The newest modification time among `files` (0 when there are none). */
function newest(files) {
  let latest = 0;
  for (const file of files) latest = Math.max(latest, statSync(file).mtimeMs);
  return latest;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

function serverSources() {
  return [...filesUnder(src)].filter((f) => !under(f, join(src, "web")) && !isTest(f));
}

function webSources() {
  return [...filesUnder(src)].filter((f) => !serverOnly.some((dir) => under(f, dir)) && !isTest(f));
}

export function serverIsStale() {
  return mtime(serverStamp) < newest([...serverSources(), ...buildConfig]);
}

export function webIsStale() {
  return mtime(webIndex) < newest([...webSources(), join(root, "package-lock.json")]);
}

function run(what, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`build: ${what} failed\n`);
    process.exit(result.status ?? 1);
  }
}

/** tsc into dist/, then every non-TypeScript file the server reads (catalog, country data, model…) beside its module. */
function buildServer({ clean }) {
  if (clean) {
    for (const entry of existsSync(dist) ? readdirSync(dist) : []) {
      if (entry !== "web") rmSync(join(dist, entry), { recursive: true, force: true });
    }
  }
  const require = createRequire(import.meta.url);
  run("tsc", [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")]);
  for (const file of serverSources()) {
    if (/\.tsx?$/.test(file)) continue;
    const target = join(dist, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(serverStamp, `${new Date().toISOString()}\n`);
}

function buildWeb() {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve("vite/package.json")), "bin", "vite.js");
  run("vite", [vite, "build", "--config", join(src, "web", "vite.config.ts"), "--logLevel", "warn"]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  const webOnly = process.argv.includes("--web");
  const server = !webOnly && (!ifStale || serverIsStale());
  const web = !ifStale || webIsStale();
  if (ifStale && (server || web)) {
    process.stderr.write(
      `Building ${[server && "the server", web && "the web UI"].filter(Boolean).join(" and ")}…\n`,
    );
  }
  if (server) buildServer({ clean: !ifStale });
  if (web) buildWeb();
}
