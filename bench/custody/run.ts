/**
 * Custody benchmark.
 *  1. Secret scan of a large real tree (the project's own node_modules by default), side by side in one
 *     run with secretlint (recommended preset, Node API) and ripgrep running the same patterns, plus a
 *     planted set comparing detections.
 *  2. Incremental verification on a generated 10,000-commit repository: one new commit after the last
 *     accepted one vs the full history.
 * Environment: WARDEN_BENCH_SECRET_TREE (folder to scan), WARDEN_BENCH_SECRETLINT_SAMPLE (files timed
 * side by side with warden, default 2000), WARDEN_BENCH_SECRETLINT_BUDGET_S (secretlint's time budget over
 * the whole tree, default 150; beyond it the rest is extrapolated), WARDEN_BENCH_COMMITS (default 10000).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "@secretlint/node";
import { mirrorRepository } from "../../src/engines/custody/mirror-repository.ts";
import {
  listFiles,
  readBounded,
  SecretScanner,
  scanSecrets,
} from "../../src/engines/custody/scan-secrets.ts";
import { DEFAULT_SECRET_RULES } from "../../src/engines/custody/secret-rules.ts";
import { verifyDelivery } from "../../src/engines/custody/verify-delivery.ts";
import { BENCH_AUTHOR, generateHistory } from "./generate-history.ts";
import { plantSecrets } from "./planted-secrets.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tree = resolve(process.env.WARDEN_BENCH_SECRET_TREE ?? join(root, "node_modules"));
const sampleSize = Number(process.env.WARDEN_BENCH_SECRETLINT_SAMPLE ?? 2000);
const budgetS = Number(process.env.WARDEN_BENCH_SECRETLINT_BUDGET_S ?? 150);
const commits = Number(process.env.WARDEN_BENCH_COMMITS ?? 10_000);
const MAX_FILE = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), "warden-bench-custody-"));

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function time<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** A JavaScript regex source in ripgrep's dialect: `[` escaped inside classes, `\/` unescaped. */
function toRustRegex(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? "";
    if (char === "\\") {
      const next = source[i + 1] ?? "";
      out += next === "/" ? "/" : `\\${next}`;
      i += 1;
    } else if (inClass && char === "[") out += "\\[";
    else {
      if (char === "[") inClass = true;
      else if (char === "]") inClass = false;
      out += char;
    }
  }
  return out;
}

/**
 * The same patterns for ripgrep. Its engine has no look-around, so trailing guards are dropped; and
 * `(?-u)` gives ASCII classes like JavaScript's non-unicode regexes (Unicode-aware `\b`, `\s` and `(?i)`
 * would make ripgrep several times slower on these patterns).
 */
function ripgrepPatterns(): string[] {
  return DEFAULT_SECRET_RULES.map((rule) => {
    const source = toRustRegex(rule.pattern.source.replace(/\(\?![^()]*\)/g, ""));
    return `(?-u)${rule.pattern.flags.includes("i") ? `(?i:${source})` : source}`;
  });
}

function runRipgrep(target: string): { matches: number; files: number } {
  const args = ["--no-ignore", "--hidden", "--max-filesize", "1M", "--count-matches", "--no-messages"];
  for (const pattern of ripgrepPatterns()) args.push("-e", pattern);
  const result = spawnSync("rg", [...args, "--", target], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`rg failed: ${result.stderr}`);
  let matches = 0;
  let files = 0;
  for (const line of result.stdout.split("\n")) {
    const count = Number(line.slice(line.lastIndexOf(":") + 1));
    if (line && Number.isFinite(count)) {
      matches += count;
      files += 1;
    }
  }
  return { matches, files };
}

interface SecretlintMessage {
  ruleId: string;
  messageId: string;
  loc: { start: { line: number }; end: { line: number } };
}

async function runSecretlint(
  files: string[],
  cwd: string,
): Promise<Array<{ file: string; messages: SecretlintMessage[] }>> {
  const engine = await createEngine({
    cwd,
    formatter: "json",
    color: false,
    maskSecrets: true,
    configFileJSON: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] },
  });
  const result = await engine.executeOnFiles({ filePathList: files });
  const parsed = JSON.parse(result.output || "[]") as Array<{
    filePath: string;
    messages: SecretlintMessage[];
  }>;
  return parsed.map((entry) => ({ file: relative(cwd, entry.filePath), messages: entry.messages }));
}

/** Reads and scans a list of files with the engine's scanner (what scanSecrets does for a folder). */
function scanList(files: string[], base: string): number {
  const scanner = new SecretScanner({ maxFileBytes: MAX_FILE });
  let findings = 0;
  for (const file of files) {
    const content = readBounded(file, MAX_FILE);
    if (content) findings += scanner.scanBuffer(relative(base, file), content).length;
  }
  return findings;
}

/** A fixed pseudo-random sample (same files on every run for the same tree). */
function sample<T>(items: T[], size: number): T[] {
  const copy = [...items];
  let state = 42;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, size);
}

async function secretScanBenchmark() {
  log(`Secret scan of ${tree}`);
  const files = listFiles(tree);
  let bytes = 0;
  for (const file of files) bytes += readBounded(file, MAX_FILE)?.length ?? 0; // also warms the page cache
  log(`  ${files.length} files, ${(bytes / 1024 ** 2).toFixed(0)} MiB of files up to 1 MiB`);

  const threads = cpus().length;
  const scan = (workers: number) =>
    time(() => scanSecrets(tree, { maxFileBytes: MAX_FILE, timeLimitMs: 300_000, workers }));
  const single = [await scan(1), await scan(1)];
  const singleBest = single.reduce((a, b) => (a.ms <= b.ms ? a : b));
  log(`  warden, 1 thread: ${seconds(singleBest.ms)}, ${singleBest.value.findings.length} findings`);
  const ours = [await scan(threads), await scan(threads)];
  const oursBest = ours.reduce((a, b) => (a.ms <= b.ms ? a : b));
  log(`  warden, ${threads} threads: ${seconds(oursBest.ms)}, ${oursBest.value.findings.length} findings`);

  const rg = [await time(() => runRipgrep(tree)), await time(() => runRipgrep(tree))];
  const rgBest = rg.reduce((a, b) => (a.ms <= b.ms ? a : b));
  log(`  ripgrep: ${seconds(rgBest.ms)}, ${rgBest.value.matches} matches`);

  // secretlint goes through the files in a fixed random order, chunk by chunk, until it has read them
  // all or its time budget is spent; the rest is extrapolated from the files it did read.
  const order = sample(files, files.length);
  const picked = order.slice(0, Math.min(sampleSize, files.length));
  const slSample = await time(() => runSecretlint(picked, tree));
  const oursSample = await time(() => scanList(picked, tree));
  log(`  secretlint on ${picked.length} sampled files: ${seconds(slSample.ms)}`);
  let slDone = picked.length;
  let slMs = slSample.ms;
  let slFindings = slSample.value.reduce((sum, entry) => sum + entry.messages.length, 0);
  while (slDone < order.length && slMs < budgetS * 1000) {
    const chunk = order.slice(slDone, slDone + 1000);
    const run = await time(() => runSecretlint(chunk, tree));
    slMs += run.ms;
    slDone += chunk.length;
    slFindings += run.value.reduce((sum, entry) => sum + entry.messages.length, 0);
  }
  const complete = slDone === order.length;
  const secretlintFullMs = complete ? slMs : (slMs * order.length) / slDone;
  const secretlint = {
    mode: complete
      ? "full tree"
      : `extrapolated from ${slDone} of ${order.length} files read in a fixed random order within ${budgetS} s`,
    ms: Math.round(secretlintFullMs),
    filesRead: slDone,
    msForFilesRead: Math.round(slMs),
    findingsInFilesRead: slFindings,
  };
  log(`  secretlint: ${secretlint.mode}: ${seconds(secretlintFullMs)}`);

  // Planted set: every secretlint detection must be among ours (same file, a line in its range).
  const plantedDir = join(work, "planted");
  mkdirSync(plantedDir);
  const planted = plantSecrets(plantedDir, 3);
  const plantedFiles = listFiles(plantedDir);
  const sl = await runSecretlint(plantedFiles, plantedDir);
  const mine = (await scanSecrets(plantedDir)).findings;
  const rgPlanted = runRipgrep(plantedDir);
  const missed: string[] = [];
  let secretlintDetections = 0;
  for (const entry of sl) {
    for (const message of entry.messages) {
      secretlintDetections += 1;
      const hit = mine.some(
        (finding) =>
          finding.file === entry.file &&
          finding.line >= message.loc.start.line &&
          finding.line <= message.loc.end.line,
      );
      if (!hit) missed.push(`${entry.file}:${message.loc.start.line} ${message.ruleId}/${message.messageId}`);
    }
  }
  const decoyFiles = new Set(planted.filter((file) => file.kind === "decoy").map((file) => file.path));
  const secretFiles = planted.filter((file) => file.kind !== "decoy").map((file) => file.path);
  const decoyHits = mine.filter((finding) => decoyFiles.has(finding.file)).length;
  // Recall: planted secret files with at least one finding. Precision: findings outside the decoy files.
  const slFiles = sl.filter((entry) => entry.messages.length > 0);
  const slDecoyHits = slFiles
    .filter((entry) => decoyFiles.has(entry.file))
    .reduce((sum, entry) => sum + entry.messages.length, 0);
  const score = (found: Set<string>, hits: number, onDecoys: number) => ({
    recall: Number((secretFiles.filter((file) => found.has(file)).length / secretFiles.length).toFixed(3)),
    precision: hits === 0 ? null : Number(((hits - onDecoys) / hits).toFixed(3)),
    missedFiles: secretFiles.filter((file) => !found.has(file)),
  });
  const wardenScore = score(new Set(mine.map((finding) => finding.file)), mine.length, decoyHits);
  const secretlintScore = score(
    new Set(slFiles.map((entry) => entry.file)),
    secretlintDetections,
    slDecoyHits,
  );
  log(`  planted: secretlint ${secretlintDetections}, warden ${mine.length}, missed ${missed.length}`);

  return {
    tree: relative(root, tree) || ".",
    files: files.length,
    bytes,
    warden: {
      ms: Math.round(oursBest.ms),
      runsMs: ours.map((run) => Math.round(run.ms)),
      filesScanned: oursBest.value.filesScanned,
      filesSkipped: oursBest.value.filesSkipped,
      findings: oursBest.value.findings.length,
      threads,
      singleThreadMs: Math.round(singleBest.ms),
      singleThreadRunsMs: single.map((run) => Math.round(run.ms)),
    },
    ripgrep: {
      ms: Math.round(rgBest.ms),
      runsMs: rg.map((run) => Math.round(run.ms)),
      matches: rgBest.value.matches,
      threads: cpus().length,
      note: "same rule patterns in ASCII mode ((?-u), like JavaScript's non-unicode regexes), trailing look-ahead guards dropped (not supported by ripgrep's engine); no entropy or confirmation step",
    },
    secretlint,
    sameSample: {
      files: picked.length,
      secretlintMs: Math.round(slSample.ms),
      wardenMs: Math.round(oursSample.ms),
    },
    ratios: {
      secretlintOverWarden: Number((secretlintFullMs / oursBest.ms).toFixed(1)),
      secretlintOverWardenSameSample: Number((slSample.ms / oursSample.ms).toFixed(1)),
      wardenOverRipgrep: Number((oursBest.ms / rgBest.ms).toFixed(2)),
      wardenSingleThreadOverRipgrep: Number((singleBest.ms / rgBest.ms).toFixed(2)),
    },
    planted: {
      files: planted.length,
      kinds: [...new Set(planted.map((file) => file.kind))].sort(),
      secretlintDetections,
      wardenDetections: mine.length,
      ripgrepMatches: rgPlanted.matches,
      wardenCoversSecretlint: missed.length === 0,
      missedBySecretlintComparison: missed,
      wardenFindingsOnDecoys: decoyHits,
      warden: wardenScore,
      secretlint: secretlintScore,
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function incrementalBenchmark() {
  log(`Incremental verification on ${commits} commits`);
  const vendorDir = join(work, "vendor.git");
  const generated = await time(() => generateHistory(vendorDir, commits));
  const ids = generated.value;
  log(`  generated with fast-import in ${seconds(generated.ms)}`);
  const mirrorDir = join(work, "mirror.git");
  const mirror = await time(() =>
    mirrorRepository({ url: `file://${vendorDir}`, mirrorDir, allowFile: true }),
  );
  log(`  mirrored in ${seconds(mirror.ms)} (fsck included)`);
  const lastAccepted = ids[ids.length - 2] as string;
  const roster = [{ name: BENCH_AUTHOR.name, emails: [BENCH_AUTHOR.email] }];
  const incremental: number[] = [];
  const full: number[] = [];
  let incrementalCommits = 0;
  let fullCommits = 0;
  let verdicts: string[] = [];
  for (let run = 0; run < 3; run++) {
    const one = await time(() =>
      verifyDelivery({ mirrorDir, ref: "main", previousAcceptedCommit: lastAccepted, roster }),
    );
    incremental.push(one.ms);
    incrementalCommits = Number(
      one.value.checks.find((check) => check.id === "secrets")?.details?.commitsScanned,
    );
    const all = await time(() => verifyDelivery({ mirrorDir, ref: "main", roster }));
    full.push(all.ms);
    fullCommits = Number(all.value.checks.find((check) => check.id === "secrets")?.details?.commitsScanned);
    verdicts = [one.value.verdict, all.value.verdict];
  }
  log(`  incremental ${seconds(median(incremental))}, full ${seconds(median(full))}`);
  return {
    commits,
    generateMs: Math.round(generated.ms),
    mirrorMs: Math.round(mirror.ms),
    incremental: {
      medianMs: Math.round(median(incremental)),
      runsMs: incremental.map(Math.round),
      commitsScanned: incrementalCommits,
    },
    fullHistory: {
      medianMs: Math.round(median(full)),
      runsMs: full.map(Math.round),
      commitsScanned: fullCommits,
    },
    fullOverIncremental: Number((median(full) / median(incremental)).toFixed(1)),
    verdicts,
    note: "both runs build the same manifest of the delivered tree (250 files); only the history checks (secret scan of diffs, authorship) differ",
  };
}

function version(command: string, args: string[]): string {
  return spawnSync(command, args, { encoding: "utf8" }).stdout.split("\n")[0]?.trim() ?? "";
}

const loadBefore = loadavg();
try {
  const secretScan = await secretScanBenchmark();
  const incremental = await incrementalBenchmark();
  const results = {
    benchmark: "custody",
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      loadAverageBefore: loadBefore.map((value) => Number(value.toFixed(2))),
      loadAverageAfter: loadavg().map((value) => Number(value.toFixed(2))),
      node: process.version,
      ripgrep: version("rg", ["--version"]),
      git: version("git", ["--version"]),
      secretlint: JSON.parse(readFileSync(join(root, "bench/node_modules/secretlint/package.json"), "utf8"))
        .version,
    },
    secretScan,
    incremental,
    goals: {
      tenTimesFasterThanSecretlint: secretScan.ratios.secretlintOverWarden >= 10,
      withinThreeTimesOfRipgrep: secretScan.ratios.wardenOverRipgrep <= 3,
      atLeastSecretlintFindingsOnPlantedSet: secretScan.planted.wardenCoversSecretlint,
      incrementalCheaperThanFull: incremental.fullOverIncremental > 1,
    },
  };
  const table = [
    ["measure", "value"],
    [
      "tree",
      `${secretScan.tree} (${secretScan.files} files, ${(secretScan.bytes / 1024 ** 2).toFixed(0)} MiB scanned)`,
    ],
    [`warden secret scan (${secretScan.warden.threads} threads)`, seconds(secretScan.warden.ms)],
    ["warden secret scan (1 thread)", seconds(secretScan.warden.singleThreadMs)],
    [`ripgrep, same patterns (${secretScan.ripgrep.threads} threads)`, seconds(secretScan.ripgrep.ms)],
    [`secretlint (${String(secretScan.secretlint.mode)})`, seconds(Number(secretScan.secretlint.ms))],
    ["secretlint / warden", `${secretScan.ratios.secretlintOverWarden}×`],
    [
      `secretlint / warden, same ${secretScan.sameSample.files} files`,
      `${secretScan.ratios.secretlintOverWardenSameSample}×`,
    ],
    [`warden (${secretScan.warden.threads} threads) / ripgrep`, `${secretScan.ratios.wardenOverRipgrep}×`],
    ["warden (1 thread) / ripgrep", `${secretScan.ratios.wardenSingleThreadOverRipgrep}×`],
    [
      "planted set: secretlint / warden detections",
      `${secretScan.planted.secretlintDetections} / ${secretScan.planted.wardenDetections} (all of secretlint's found: ${secretScan.planted.wardenCoversSecretlint})`,
    ],
    [`verify, 1 new commit of ${incremental.commits}`, seconds(incremental.incremental.medianMs)],
    [`verify, full history of ${incremental.commits}`, seconds(incremental.fullHistory.medianMs)],
  ];
  const width = Math.max(...table.map((row) => (row[0] ?? "").length));
  const text = table.map((row) => `${(row[0] ?? "").padEnd(width)}  ${row[1]}`).join("\n");
  process.stdout.write(`${text}\n`);
  const resultsDir = join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "custody.json"), `${JSON.stringify(results, null, 2)}\n`);
  const md = [
    "# Custody benchmark",
    "",
    `Run ${results.date} on ${results.machine.cpus} CPUs (load average ${results.machine.loadAverageBefore[0]} before, ${results.machine.loadAverageAfter[0]} after: other work shared the machine), Node ${results.machine.node}, ${results.machine.git}, ${results.machine.ripgrep}, secretlint ${results.machine.secretlint}.`,
    "",
    "| measure | value |",
    "| --- | --- |",
    ...table.slice(1).map((row) => `| ${row[0]} | ${row[1]} |`),
    "",
    `Goals: ≥ 10× faster than secretlint: ${results.goals.tenTimesFasterThanSecretlint}; within 3× of ripgrep: ${results.goals.withinThreeTimesOfRipgrep}; at least secretlint's findings on the planted set: ${results.goals.atLeastSecretlintFindingsOnPlantedSet}.`,
    "",
    `ripgrep: ${secretScan.ripgrep.note}. Incremental: ${incremental.note}; ${incremental.incremental.commitsScanned} vs ${incremental.fullHistory.commitsScanned} commits scanned.`,
    "",
  ].join("\n");
  writeFileSync(join(resultsDir, "custody.md"), md);
} finally {
  rmSync(work, { recursive: true, force: true });
}
