/**
 * Start-up benchmark: what a person waits for before Warden does anything. In one run, interleaved
 * round by round so that the machine's load weighs on each alike:
 *   - a bare `node -e 0` (the floor every figure stands on),
 *   - `warden --help`,
 *   - `warden contract analyze` of a 50-page text contract, start-up included,
 *   - `npm start` on an existing data folder until the first page is served.
 * The CLI runs from dist/ the way an installed `warden` does (built first when stale). Wall time for
 * all four; CPU time (user + system) of the node process for the three that exit, and of the whole
 * process group (npm, sh, the staleness check, the server) for `npm start` when the page arrives.
 *
 * Run: npm run bench:startup   (WARDEN_BENCH_STARTUP_ROUNDS overrides the rounds, default 5, at least 3)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderText } from "../../src/engines/contracts/fixtures/render-contract.ts";
import { sampleContracts } from "../../src/engines/contracts/fixtures/sample-contracts.ts";
import { freePort } from "../../test/support/warden-process.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ROUNDS = Math.min(Math.max(Number(process.env.WARDEN_BENCH_STARTUP_ROUNDS ?? 5), 3), 50);
const WARDEN = join(ROOT, "bin", "warden.js");
/** A page of a contract, in characters (about 500 words). */
const PAGE_CHARS = 3000;
const PAGES = 50;

interface Sample {
  wallMs: number;
  cpuMs: number | null;
}

const work = mkdtempSync(join(tmpdir(), "warden-bench-startup-"));
// Preloaded into each measured node process: writes the process's own CPU time when it exits.
const cpuProbe = join(work, "cpu-probe.cjs");
writeFileSync(
  cpuProbe,
  `process.on("exit", () => { const u = process.cpuUsage(); require("node:fs").writeFileSync(process.env.WARDEN_BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });\n`,
);

/** Runs node with `args` to its exit: wall time from spawn, and the process's CPU time. */
function timeNode(args: string[], env: Record<string, string> = {}): Sample {
  const cpuFile = join(work, "cpu.txt");
  rmSync(cpuFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--require", cpuProbe, ...args], {
    cwd: work,
    env: { ...process.env, ...env, WARDEN_BENCH_CPU_FILE: cpuFile },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: Number(readFileSync(cpuFile, "utf8")) };
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const USER_HZ = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/**
 * CPU time so far of every process in a process group, read from /proc (Linux): user and system
 * time of the live members plus what their exited children used (npm, sh, the build check, the server).
 */
function groupCpuMs(group: number): number | null {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // Fields after the command name (which may hold spaces) start at the state, field 3.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue; // field 5: the process group
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0); // fields 14-17
    }
  } catch {
    return null;
  }
  return (ticks * 1000) / USER_HZ;
}

/** Starts `npm start` (a process group of its own) and waits for the first page; then stops the group. */
async function timeNpmStart(dataDir: string): Promise<Sample> {
  const port = await freePort();
  const start = performance.now();
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      WARDEN_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}`);
      const page = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })
        .then(async (res) => (res.ok ? await res.text() : ""))
        .catch(() => "");
      if (page.includes("<html")) {
        const wallMs = performance.now() - start;
        return { wallMs, cpuMs: child.pid === undefined ? null : groupCpuMs(child.pid) };
      }
      if (performance.now() - start > 120_000) throw new Error("npm start served no page within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    await exited;
  }
}

function stats(samples: Sample[]) {
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median =
      sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    return { min: Math.round(sorted[0] ?? 0), median: Math.round(median) };
  };
  const cpu = samples.map((s) => s.cpuMs).filter((v): v is number => v !== null);
  return {
    wallMs: summary(samples.map((s) => s.wallMs)),
    cpuMs: cpu.length ? summary(cpu) : null,
    runs: samples.map((s) => ({
      wallMs: Math.round(s.wallMs),
      cpuMs: s.cpuMs === null ? null : Math.round(s.cpuMs),
    })),
  };
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, "bin", "build.js"), "--if-stale"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("the build failed");

  let text = "";
  for (let i = 0; text.length < PAGES * PAGE_CHARS; i++) {
    text += `${renderText(sampleContracts[i % sampleContracts.length] as (typeof sampleContracts)[number])}\n\n`;
  }
  const contract = join(work, "contract-50-pages.txt");
  writeFileSync(contract, text);

  // An existing data folder: created and migrated by one start before the rounds.
  const dataDir = join(work, "data");
  mkdirSync(dataDir);
  await timeNpmStart(dataDir);

  const loadBefore = loadavg();
  const cases = {
    "node -e 0 (bare node)": [] as Sample[],
    "warden --help": [] as Sample[],
    [`warden contract analyze (${PAGES}-page text)`]: [] as Sample[],
    "npm start to first page": [] as Sample[],
  };
  const [bare, help, analyze, npmStart] = Object.values(cases) as [Sample[], Sample[], Sample[], Sample[]];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(timeNode(["-e", "0"]));
    help.push(timeNode([WARDEN, "--help"]));
    analyze.push(timeNode([WARDEN, "contract", "analyze", contract]));
    npmStart.push(await timeNpmStart(dataDir));
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  const loadAfter = loadavg();
  rmSync(work, { recursive: true, force: true });

  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverageBefore: loadBefore.map((n) => Number(n.toFixed(2))),
      loadAverageAfter: loadAfter.map((n) => Number(n.toFixed(2))),
    },
    rounds: ROUNDS,
    contract: { pages: PAGES, characters: text.length },
    cases: Object.fromEntries(Object.entries(cases).map(([name, samples]) => [name, stats(samples)])),
  };

  const rows = Object.entries(results.cases).map(
    ([name, s]) =>
      `| ${name} | ${s.wallMs.min} | ${s.wallMs.median} | ${s.cpuMs ? s.cpuMs.min : "—"} | ${s.cpuMs ? s.cpuMs.median : "—"} |`,
  );
  const table = [
    "| case | wall min (ms) | wall median (ms) | CPU min (ms) | CPU median (ms) |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ];
  process.stdout.write(`\n${table.join("\n")}\n`);
  process.stdout.write(
    `load average ${results.machine.loadAverageBefore.join(", ")} before, ${results.machine.loadAverageAfter.join(", ")} after\n`,
  );

  const out = join(ROOT, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "startup.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    join(out, "startup.md"),
    [
      "# Start-up benchmark",
      "",
      `Run ${results.generatedAt} with \`npm run bench:startup\`: ${ROUNDS} rounds, interleaved, on ${results.machine.cpus} CPUs (load average ${results.machine.loadAverageBefore.join(", ")} before, ${results.machine.loadAverageAfter.join(", ")} after), Node ${results.machine.node}. The CLI runs from dist/ with plain node; the contract is ${PAGES} pages of text (${text.length} characters). CPU is the node process's own user + system time, and for \`npm start\` that of its whole process group (npm, sh, the staleness check and the server) when the first page is served; \`npm start\` is timed from spawn to the first page served, on a data folder that already exists.`,
      "",
      ...table,
      "",
    ].join("\n"),
  );
}

await main();
