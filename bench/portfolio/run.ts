/**
 * Portfolio benchmark: a generated portfolio (1,000 vendors, 3,000 engagements,
 * 50,000 people, 200,000 evidence rows at scale 1) in PGlite and/or PostgreSQL;
 * times the whole-portfolio evaluation (`refreshEvaluations`, 3 runs) and the
 * dashboard API under 20 concurrent clients (and, for comparison, the live
 * evaluation of one engagement at GET /api/engagements/{id}). Targets:
 * evaluation < 5 s, dashboard p99 < 150 ms. Writes bench/results/portfolio.json and .md.
 *
 * Run: npm run bench:portfolio -- [--engine pglite|postgres|both] [--scale 0.1]
 * PostgreSQL: WARDEN_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a fresh database warden_bench_<random> is made there and dropped at the end.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/server/app.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { refreshEvaluations } from "../../src/services/playbook/refresh-evaluations.ts";
import { generatePortfolio } from "./generate-portfolio.ts";
import { type LoadResult, loadTest } from "./load-test.ts";
import { type EvaluationPhases, timeEvaluationPhases } from "./time-evaluation-phases.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";
const NOW = new Date("2026-12-01T09:00:00Z");
const EVALUATION_RUNS = 3;
const CLIENTS = 20;
const TARGET_EVALUATION_MS = 5_000;
const TARGET_DASHBOARD_P99_MS = 150;

type Engine = "pglite" | "postgres";

interface EngineResult {
  engine: Engine;
  generationMs: number;
  rows: Record<string, number>;
  evaluationRunsMs: number[];
  /** CPU time of this process during each run (on PGlite the database runs in it too; less sensitive to other load). */
  evaluationCpuMs: number[];
  evaluationMedianMs: number;
  evaluationPhasesMs: EvaluationPhases;
  dashboard: LoadResult;
  dashboardSingleClient: LoadResult;
  engagement: LoadResult;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const log = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  try {
    await adminQuery(url, "select 1");
    return true;
  } catch {
    return false;
  }
}

async function benchEngine(engine: Engine, scale: number, postgresUrl: string): Promise<EngineResult> {
  const dataDir = await mkdtemp(join(tmpdir(), "warden-bench-portfolio-"));
  const env: Record<string, string> = {
    WARDEN_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    WARDEN_SECRET_KEY: randomBytes(32).toString("hex"),
    WARDEN_WORKER: "off",
  };
  let databaseName: string | undefined;
  if (engine === "postgres") {
    databaseName = `warden_bench_${randomBytes(6).toString("hex")}`;
    await adminQuery(postgresUrl, `create database ${databaseName}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${databaseName}`;
    env.DATABASE_URL = url.toString();
  }
  const runtime = await openRuntime(loadConfig(env), { log: pino({ level: "silent" }), now: () => NOW });
  try {
    log(`${engine}: generating the portfolio at scale ${scale}`);
    const genStart = performance.now();
    const portfolio = await generatePortfolio(runtime.db, { scale, now: NOW });
    const generationMs = performance.now() - genStart;
    log(
      `${engine}: generated ${sum(portfolio.counts).toLocaleString("en")} rows in ${round(generationMs)} ms`,
    );

    const evaluationRunsMs: number[] = [];
    const evaluationCpuMs: number[] = [];
    for (let i = 0; i < EVALUATION_RUNS; i++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const { evaluated } = await refreshEvaluations(runtime.db, NOW);
      evaluationRunsMs.push(round(performance.now() - t));
      const used = process.cpuUsage(cpu);
      evaluationCpuMs.push(round((used.user + used.system) / 1000));
      log(
        `${engine}: refreshEvaluations run ${i + 1}: ${evaluated} engagements in ${evaluationRunsMs.at(-1)} ms`,
      );
    }
    const evaluationPhasesMs = await timeEvaluationPhases(runtime.db, NOW);
    log(`${engine}: phases ${JSON.stringify(evaluationPhasesMs)}`);
    const app = createApp(runtime);
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      s.once("error", reject);
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const dashboardUrl = `${base}/api/dashboard`;
      const token = portfolio.apiToken;
      await loadTest({ urls: [dashboardUrl], token, concurrency: 4, maxRequests: 40, maxMs: 30_000 });
      const dashboardSingleClient = await loadTest({
        urls: [dashboardUrl],
        token,
        concurrency: 1,
        maxRequests: 100,
        maxMs: 20_000,
      });
      log(`${engine}: dashboard, 1 client: ${JSON.stringify(dashboardSingleClient)}`);
      const dashboard = await loadTest({
        urls: [dashboardUrl],
        token,
        concurrency: CLIENTS,
        maxRequests: 2_000,
        maxMs: 60_000,
      });
      log(`${engine}: dashboard, ${CLIENTS} clients: ${JSON.stringify(dashboard)}`);
      // Every client walks the same seeded list of engagements, spread over the portfolio.
      const step = Math.max(1, Math.floor(portfolio.engagementIds.length / 500));
      const engagementUrls = portfolio.engagementIds
        .filter((_, i) => i % step === 0)
        .map((id) => `${base}/api/engagements/${id}`);
      const engagement = await loadTest({
        urls: engagementUrls,
        token,
        concurrency: CLIENTS,
        maxRequests: 1_000,
        maxMs: 60_000,
      });
      log(`${engine}: engagement, ${CLIENTS} clients: ${JSON.stringify(engagement)}`);
      return {
        engine,
        generationMs: round(generationMs),
        rows: portfolio.counts,
        evaluationRunsMs,
        evaluationCpuMs,
        evaluationMedianMs: round(median(evaluationRunsMs)),
        evaluationPhasesMs,
        dashboard,
        dashboardSingleClient,
        engagement,
      };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await runtime.close();
    if (databaseName)
      await adminQuery(postgresUrl, `drop database if exists ${databaseName} with (force)`).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      engine: { type: "string", default: "both" },
      scale: { type: "string", default: "1" },
      merge: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (values.merge) {
    // Engines benchmarked by separate runs (e.g. side by side), joined into one report.
    const reports = await Promise.all(
      positionals.map(async (file) => JSON.parse(await readFile(file, "utf8")) as Report),
    );
    const first = reports[0];
    if (!first) throw new Error("--merge needs the results files of the runs to join.");
    await writeReport({
      ...first,
      skipped: reports.flatMap((r) => r.skipped),
      // Each engine keeps the load average of its own run.
      engines: reports.flatMap((r) =>
        r.engines.map((e) => ({
          ...e,
          loadAverageStart: e.loadAverageStart ?? r.machine.loadAverageStart ?? [],
          loadAverageEnd: e.loadAverageEnd ?? r.machine.loadAverageEnd ?? [],
        })),
      ),
    });
    return;
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 2)) throw new Error("--scale must be a number in (0, 2], e.g. 0.1 or 1.");
  if (!["pglite", "postgres", "both"].includes(values.engine ?? ""))
    throw new Error("--engine must be pglite, postgres or both.");
  const postgresUrl = process.env.WARDEN_BENCH_DATABASE_URL ?? DEFAULT_POSTGRES;
  const engines: Engine[] = [];
  if (values.engine !== "postgres") engines.push("pglite");
  const skipped: string[] = [];
  if (values.engine !== "pglite") {
    if (await postgresReachable(postgresUrl)) engines.push("postgres");
    else skipped.push(`postgres (no server at ${postgresUrl.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")})`);
  }
  const loadAverageStart = loadavg().map((n) => round(n));
  const started = new Date();
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine, scale, postgresUrl));
  const loadAverageEnd = loadavg().map((n) => round(n));

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
  };
  await writeReport({
    date: started.toISOString(),
    machine,
    scale,
    clients: CLIENTS,
    targets: { evaluationMs: TARGET_EVALUATION_MS, dashboardP99Ms: TARGET_DASHBOARD_P99_MS },
    skipped,
    engines: results.map((r) => ({
      ...r,
      loadAverageStart,
      loadAverageEnd,
      evaluationMet: r.evaluationMedianMs < TARGET_EVALUATION_MS,
      dashboardMet: r.dashboard.p99 < TARGET_DASHBOARD_P99_MS && r.dashboard.errors === 0,
    })),
  });
}

interface Report {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    loadAverageStart?: number[];
    loadAverageEnd?: number[];
  };
  scale: number;
  clients: number;
  targets: { evaluationMs: number; dashboardP99Ms: number };
  skipped: string[];
  engines: (EngineResult & {
    loadAverageStart: number[];
    loadAverageEnd: number[];
    evaluationMet: boolean;
    dashboardMet: boolean;
  })[];
}

async function writeReport(report: Report): Promise<void> {
  const { scale, skipped, engines } = report;
  const table = [
    "| engine | generate s | evaluation runs ms | process CPU ms | median ms | dashboard p50 / p95 / p99 / max ms | dashboard req/s | dashboard 1 client p50 / p99 ms | engagement p50 / p95 / p99 / max ms | engagement req/s |",
    "| --- | ---: | --- | --- | ---: | --- | ---: | --- | --- | ---: |",
    ...report.engines.map(
      (r) =>
        `| ${r.engine} | ${round(r.generationMs / 1000)} | ${r.evaluationRunsMs.join(", ")} | ${r.evaluationCpuMs.join(", ")} | ${r.evaluationMedianMs} ${r.evaluationMet ? "✓" : "✗"} | ${r.dashboard.p50} / ${r.dashboard.p95} / ${r.dashboard.p99} / ${r.dashboard.max} ${r.dashboardMet ? "✓" : "✗"} | ${r.dashboard.requestsPerSecond} | ${r.dashboardSingleClient.p50} / ${r.dashboardSingleClient.p99} | ${r.engagement.p50} / ${r.engagement.p95} / ${r.engagement.p99} / ${r.engagement.max} | ${r.engagement.requestsPerSecond} |`,
    ),
  ];
  const phases = report.engines.map(
    (r) =>
      `- ${r.engine}: load snapshots ${r.evaluationPhasesMs.load} ms, evaluate ${r.evaluationPhasesMs.evaluate} ms, store ${r.evaluationPhasesMs.store} ms; requests: dashboard ${r.dashboard.requests} in ${r.dashboard.seconds} s (${r.dashboard.errors} errors), engagement ${r.engagement.requests} in ${r.engagement.seconds} s (${r.engagement.errors} errors)`,
  );
  const rows = engines[0]
    ? Object.entries(engines[0].rows).map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
    : [];
  process.stdout.write(`\n${table.join("\n")}\n\n${phases.join("\n")}\n`);

  const resultsDir = join(ROOT, "bench", "results");
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, "portfolio.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(
    join(resultsDir, "portfolio.md"),
    [
      "# Portfolio benchmark",
      "",
      `Generated portfolio at scale ${scale} (seeded, inserted directly; VACUUM (ANALYZE) after the load, as autovacuum on PostgreSQL and the nightly maintenance job on PGlite would): ${rows.join(", ")}. ` +
        `Whole-portfolio evaluation is \`refreshEvaluations(db, now)\`, ${EVALUATION_RUNS} runs; the HTTP figures are GET /api/dashboard and GET /api/engagements/{id} ` +
        `(live evaluation of one engagement) through createApp on 127.0.0.1 with ${CLIENTS} concurrent clients (keep-alive, in a worker thread, API token), ` +
        `bounded at 2,000 / 1,000 requests or 60 s. No background job queue runs. ${report.machine.cpus} CPUs (${report.machine.cpuModel}), Node ${report.machine.node}, ` +
        `${report.date.slice(0, 16)}Z; load average (1, 5, 15 min) ${engines.map((e) => `${e.engine}: ${e.loadAverageStart.join(" ")} at start, ${e.loadAverageEnd.join(" ")} at end`).join("; ")}.` +
        (skipped.length ? ` Skipped: ${skipped.join(", ")}.` : ""),
      "",
      ...table,
      "",
      `Targets: whole evaluation < ${TARGET_EVALUATION_MS} ms, dashboard p99 < ${TARGET_DASHBOARD_P99_MS} ms (✓ met, ✗ missed).`,
      "",
      "Process CPU is this process's user + system time during each evaluation run: on PGlite the database runs inside the process, so it is the whole cost and moves less than wall time when other work shares the two cores; on PostgreSQL the server's CPU is not in it.",
      "",
      "Evaluation phases (one extra pass, same batches of 500):",
      "",
      ...phases,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
