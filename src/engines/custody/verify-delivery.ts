import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isWardenError, WardenError } from "../../domain/errors.ts";
import { type AllowedSigner, checkAuthorship, type RosterMember } from "./check-authorship.ts";
import { isMirror } from "./mirror-repository.ts";
import { type Manifest, readDeliveredTree } from "./read-delivered-tree.ts";
import { runGit } from "./run-git.ts";
import {
  DEFAULT_SANDBOX_LIMITS,
  describeLimit,
  detectSandbox,
  runSandboxed,
  type SandboxLimits,
  type SandboxRun,
} from "./run-sandboxed.ts";
import { scanHistory } from "./scan-history.ts";
import {
  DEFAULT_LICENCE_POLICY,
  detectLicences,
  judgeLicences,
  type LicenceDetection,
  type LicenceFinding,
  type LicencePolicy,
} from "./scan-licences.ts";
import { type SecretAllowlist, type SecretFinding, SecretScanner } from "./scan-secrets.ts";
import { isObjectId, validateRefName } from "./validate-ref-name.ts";

export type CheckId = "lineage" | "manifest" | "secrets" | "licences" | "authorship" | "build";
export type CheckStatus = "passed" | "warning" | "failed" | "skipped" | "error";

/** One finding of any check, flattened for `--json`, SARIF and the delivery report. */
export interface DeliveryFinding {
  check: CheckId;
  /** Rule or kind: "aws-access-key-id", "GPL-3.0", "author_not_on_roster", "timed_out"… */
  rule: string;
  severity: "error" | "warning";
  message: string;
  file?: string;
  line?: number;
  column?: number;
  commit?: string;
  author?: string;
  fingerprint?: string;
}

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  durationMs: number;
  summary: string;
  findings: DeliveryFinding[];
  /** Bounded output (command logs, fsck lines). */
  log?: string;
  /** Check-specific figures (files scanned, commits checked, command runs…). */
  details?: Record<string, unknown>;
}

export interface DeliveryReport {
  verdict: "accepted" | "rejected";
  reasons: string[];
  ref: string;
  commit: string;
  tree: string;
  previousAcceptedCommit?: string;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  findings: DeliveryFinding[];
  manifest: Manifest;
}

export interface VerifyLimits {
  /** Wall time per command. */
  wallTimeMs: number;
  cpuSeconds: number;
  memoryBytes: number;
  /** Processes at once, largest file, size of /tmp, bytes added to the work copy (see runSandboxed). */
  processes: number;
  fileBytes: number;
  tmpBytes: number;
  workDiskBytes: number;
  maxOutputBytes: number;
  maxFiles: number;
  maxTreeBytes: number;
  /** Files above this size are hashed but not scanned. */
  maxScanFileBytes: number;
  /** Bytes of diff read by the history scan. */
  maxHistoryBytes: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  wallTimeMs: 15 * 60_000,
  cpuSeconds: 15 * 60,
  memoryBytes: 4 * 1024 ** 3,
  ...DEFAULT_SANDBOX_LIMITS,
  maxOutputBytes: 256 * 1024,
  maxFiles: 1_000_000,
  maxTreeBytes: 8 * 1024 ** 3,
  maxScanFileBytes: 1024 * 1024,
  maxHistoryBytes: 512 * 1024 * 1024,
};

export interface VerifyProgress {
  check: CheckId;
  phase: "start" | "progress" | "done";
  done?: number;
  total?: number;
}

export interface VerifyDeliveryInput {
  /** A mirror made by mirrorRepository: verification never reads the vendor's server. */
  mirrorDir: string;
  /** Branch, tag, full ref or commit id of the delivery. */
  ref: string;
  /** The last accepted delivery: history checks then cover only the commits since. */
  previousAcceptedCommit?: string;
  /** Shell commands run in order in the sandbox (e.g. ["npm ci", "npm test"]). */
  commands?: string[];
  roster?: RosterMember[];
  requireSignedCommits?: boolean;
  allowedSigners?: AllowedSigner[];
  licencePolicy?: LicencePolicy;
  secretAllowlist?: SecretAllowlist;
  limits?: Partial<VerifyLimits>;
  /** Host folders the commands may read (an offline package cache…); nothing else of the host is visible. */
  sandboxReadOnlyPaths?: string[];
  /** Where throwaway work copies are made (default the system temp folder). */
  workRoot?: string;
  now?: Date;
  onProgress?: (event: VerifyProgress) => void;
}

async function resolveCommit(gitDir: string, name: string, what: string): Promise<string> {
  validateRefName(name);
  const result = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${name}^{commit}`], {
    cwd: gitDir,
    timeoutMs: 60_000,
  });
  const oid = result.stdout.toString("utf8").trim();
  if (result.code !== 0 || !isObjectId(oid)) {
    throw new WardenError(
      "not_found",
      `${what} '${name}' is not a commit in the mirror. Sync the mirror, then give a branch, tag or commit id that exists.`,
    );
  }
  return oid;
}

function timed<T>(run: () => Promise<T>): Promise<{ value: T; durationMs: number }> {
  const started = performance.now();
  return run().then((value) => ({ value, durationMs: Math.round(performance.now() - started) }));
}

/**
 * Verifies a delivery from our own mirror: manifest (sha256 of every file), secret scan of the tree and
 * of the commits since the last accepted delivery, licence scan against the policy, authorship against
 * the roster (and signatures when required), and the configured build/test commands in the sandbox.
 * The verdict is `rejected` when any check fails, with every reason.
 *
 * @example
 * const report = await verifyDelivery({ mirrorDir, ref: "v1.4.0", previousAcceptedCommit: lastAccepted,
 *   commands: ["npm ci", "npm test"], roster, limits: { wallTimeMs: 600_000 } });
 * if (report.verdict === "rejected") console.log(report.reasons.join("\n"));
 */
export async function verifyDelivery(input: VerifyDeliveryInput): Promise<DeliveryReport> {
  const startedAt = (input.now ?? new Date()).toISOString();
  const started = performance.now();
  const limits: VerifyLimits = { ...DEFAULT_VERIFY_LIMITS, ...input.limits };
  const gitDir = resolve(input.mirrorDir);
  if (!isMirror(gitDir)) {
    throw new WardenError("invalid_input", `${gitDir} is not a mirror; run a sync first (mirrorRepository).`);
  }
  const progress = input.onProgress ?? (() => {});
  const commit = await resolveCommit(gitDir, input.ref, "Delivery ref");
  const tree = (
    await runGit(["rev-parse", "--verify", "--end-of-options", `${commit}^{tree}`], { cwd: gitDir })
  ).stdout
    .toString("utf8")
    .trim();
  const previous = input.previousAcceptedCommit
    ? await resolveCommit(gitDir, input.previousAcceptedCommit, "Previous accepted commit")
    : undefined;
  const range = previous ? [`${previous}..${commit}`] : [commit];
  const checks: CheckResult[] = [];

  if (previous) checks.push(await checkLineage(gitDir, previous, commit));

  // One streaming pass over the tree: manifest, work copy, secret and licence detection.
  const scanner = new SecretScanner({
    allowlist: input.secretAllowlist,
    maxFileBytes: limits.maxScanFileBytes,
  });
  const treeSecrets: SecretFinding[] = [];
  const licences: LicenceDetection[] = [];
  const commands = input.commands ?? [];
  let workDir: string | undefined;
  if (commands.length > 0) {
    const root = input.workRoot ?? tmpdir();
    mkdirSync(root, { recursive: true });
    workDir = mkdtempSync(join(root, "warden-work-"));
  }
  try {
    progress({ check: "manifest", phase: "start" });
    const manifestRun = await timed(() =>
      readDeliveredTree(gitDir, commit, tree, {
        exportTo: workDir,
        maxContentBytes: limits.maxScanFileBytes,
        limits: { maxFiles: limits.maxFiles, maxTotalBytes: limits.maxTreeBytes },
        onContent: (entry, content) => {
          treeSecrets.push(...scanner.scanBuffer(entry.path, content, { commit }));
          licences.push(...detectLicences(entry.path, content));
        },
        onProgress: (done, total) => progress({ check: "manifest", phase: "progress", done, total }),
      }),
    );
    const manifest = manifestRun.value;
    checks.push(manifestCheck(manifest, manifestRun.durationMs));
    progress({ check: "manifest", phase: "done" });

    progress({ check: "secrets", phase: "start" });
    const history = await timed(() =>
      scanHistory(gitDir, range, scanner, { maxBytes: limits.maxHistoryBytes }),
    );
    checks.push(
      secretsCheck(treeSecrets, history.value, manifestRun.durationMs + history.durationMs, previous),
    );
    progress({ check: "secrets", phase: "done" });

    checks.push(licencesCheck(licences, input.licencePolicy ?? DEFAULT_LICENCE_POLICY));

    progress({ check: "authorship", phase: "start" });
    checks.push(await authorshipCheck(gitDir, range, input));
    progress({ check: "authorship", phase: "done" });

    progress({ check: "build", phase: "start" });
    checks.push(await buildCheck(commands, workDir, limits, progress, input.sandboxReadOnlyPaths));
    progress({ check: "build", phase: "done" });

    const failed = checks.filter((check) => check.status === "failed" || check.status === "error");
    const findings = checks.flatMap((check) => check.findings);
    return {
      verdict: failed.length === 0 ? "accepted" : "rejected",
      reasons: failed.map((check) => `${check.id}: ${check.summary}`),
      ref: input.ref,
      commit,
      tree,
      ...(previous ? { previousAcceptedCommit: previous } : {}),
      startedAt,
      durationMs: Math.round(performance.now() - started),
      checks,
      findings,
      manifest,
    };
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

async function checkLineage(gitDir: string, previous: string, commit: string): Promise<CheckResult> {
  const run = await timed(() =>
    runGit(["merge-base", "--is-ancestor", "--end-of-options", previous, commit], {
      cwd: gitDir,
      timeoutMs: 120_000,
    }),
  );
  const ok = run.value.code === 0;
  return {
    id: "lineage",
    status: ok ? "passed" : "failed",
    durationMs: run.durationMs,
    summary: ok
      ? `The delivery descends from the last accepted commit ${previous.slice(0, 12)}.`
      : `The delivery does not descend from the last accepted commit ${previous.slice(0, 12)}: history was rewritten since.`,
    findings: ok
      ? []
      : [
          {
            check: "lineage",
            rule: "history_rewritten",
            severity: "error",
            message: `Commit ${commit.slice(0, 12)} does not contain the last accepted commit ${previous.slice(0, 12)}.`,
            commit,
          },
        ],
  };
}

function manifestCheck(manifest: Manifest, durationMs: number): CheckResult {
  const findings: DeliveryFinding[] = manifest.refused.map((entry) => ({
    check: "manifest",
    rule: "unsafe_path",
    severity: "error",
    message: `Tree entry '${entry.path}' was refused: ${entry.reason}.`,
    file: entry.path,
    commit: manifest.commit,
  }));
  for (const entry of manifest.files) {
    if (entry.escapesTree) {
      findings.push({
        check: "manifest",
        rule: "symlink_outside_tree",
        severity: "warning",
        message: `Symlink '${entry.path}' points outside the delivered tree (${entry.target}); recorded, not followed.`,
        file: entry.path,
        commit: manifest.commit,
      });
    }
  }
  const failed = manifest.refused.length > 0;
  return {
    id: "manifest",
    status: failed ? "failed" : findings.length > 0 ? "warning" : "passed",
    durationMs,
    summary: failed
      ? `${manifest.refused.length} tree entr${manifest.refused.length === 1 ? "y has" : "ies have"} unsafe paths.`
      : `${manifest.fileCount} files, ${manifest.totalBytes} bytes, each with its sha256.`,
    findings,
    details: { fileCount: manifest.fileCount, totalBytes: manifest.totalBytes },
  };
}

/** A secret scanner's finding as a report finding; `where` says where it was seen ("in the delivered tree"). */
export function secretFinding(finding: SecretFinding, where: string): DeliveryFinding {
  return {
    check: "secrets",
    rule: finding.rule,
    severity: "error",
    message: `${finding.description} ${where}: ${finding.snippet}`,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    fingerprint: finding.fingerprint,
    ...(finding.commit ? { commit: finding.commit } : {}),
    ...(finding.author ? { author: finding.author } : {}),
  };
}

/** A licence the policy refuses (error) or flags (warning), as a report finding. */
export function licenceFinding(finding: LicenceFinding): DeliveryFinding {
  return {
    check: "licences",
    rule: finding.licence,
    severity: finding.verdict === "deny" ? "error" : "warning",
    message: finding.message,
    file: finding.file,
    ...(finding.line ? { line: finding.line } : {}),
  };
}

function secretsCheck(
  tree: SecretFinding[],
  history: { findings: SecretFinding[]; commitsScanned: number; bytesScanned: number; truncated: boolean },
  durationMs: number,
  previous: string | undefined,
): CheckResult {
  const toFinding = secretFinding;
  // A secret still in the tree and added by a new commit is one finding, with the commit and author
  // that introduced it.
  const introduced = new Map(
    history.findings.map((finding) => [`${finding.fingerprint}\0${finding.file}`, finding]),
  );
  const merged = new Set<SecretFinding>();
  const findings = tree.map((finding) => {
    const origin = introduced.get(`${finding.fingerprint}\0${finding.file}`);
    if (!origin) return toFinding(finding, "in the delivered tree");
    merged.add(origin);
    return toFinding(
      { ...finding, commit: origin.commit, author: origin.author },
      `in the delivered tree, added by commit ${origin.commit?.slice(0, 12)}`,
    );
  });
  for (const finding of history.findings) {
    if (!merged.has(finding))
      findings.push(toFinding(finding, `added by commit ${finding.commit?.slice(0, 12)}`));
  }
  const scope = previous ? `${history.commitsScanned} new commits` : `all ${history.commitsScanned} commits`;
  return {
    id: "secrets",
    status: findings.length > 0 ? "failed" : history.truncated ? "warning" : "passed",
    durationMs,
    summary:
      findings.length > 0
        ? `${tree.length} secret(s) in the delivered tree, ${history.findings.length - merged.size} more in the history of ${scope}.`
        : `No secrets in the delivered tree nor in ${scope}${history.truncated ? " (history scan stopped at its size limit)" : ""}.`,
    findings,
    details: {
      commitsScanned: history.commitsScanned,
      historyBytes: history.bytesScanned,
      truncated: history.truncated,
    },
  };
}

function licencesCheck(detections: LicenceDetection[], policy: LicencePolicy): CheckResult {
  const started = performance.now();
  const judged = judgeLicences(detections, policy);
  const findings = judged.map(licenceFinding);
  const denied = judged.filter((finding) => finding.verdict === "deny").length;
  return {
    id: "licences",
    status: denied > 0 ? "failed" : findings.length > 0 ? "warning" : "passed",
    durationMs: Math.round(performance.now() - started),
    summary:
      denied > 0
        ? `${denied} licence(s) refused by the policy (${[...new Set(judged.filter((f) => f.verdict === "deny").map((f) => f.licence))].join(", ")}).`
        : `${detections.length} licence declaration(s) found, ${findings.length} flagged for review.`,
    findings,
    details: { detected: detections },
  };
}

async function authorshipCheck(
  gitDir: string,
  range: string[],
  input: VerifyDeliveryInput,
): Promise<CheckResult> {
  const roster = input.roster ?? [];
  if (roster.length === 0 && !input.requireSignedCommits) {
    return { id: "authorship", status: "skipped", durationMs: 0, summary: "No roster given.", findings: [] };
  }
  const run = await timed(() =>
    checkAuthorship({
      gitDir,
      range,
      roster,
      requireSignedCommits: input.requireSignedCommits,
      allowedSigners: input.allowedSigners,
    }),
  );
  const result = run.value;
  const findings: DeliveryFinding[] = result.findings.map((finding) => ({
    check: "authorship",
    rule: finding.kind,
    severity: "error",
    message: finding.message,
    commit: finding.commit,
    author: finding.author,
  }));
  const strangers = new Set(
    result.findings
      .filter((finding) => finding.kind === "author_not_on_roster")
      .map((finding) => finding.author),
  );
  return {
    id: "authorship",
    status: findings.length > 0 ? "failed" : "passed",
    durationMs: run.durationMs,
    summary:
      findings.length > 0
        ? `${findings.length} problem(s) in ${result.commitsChecked} commits${strangers.size > 0 ? `; authors not on the roster: ${[...strangers].join(", ")}` : ""}.`
        : `${result.commitsChecked} commits, all by roster members${input.requireSignedCommits ? " and signed by them" : ""}.`,
    findings,
    details: { commitsChecked: result.commitsChecked, authors: result.authors },
  };
}

async function buildCheck(
  commands: string[],
  workDir: string | undefined,
  limits: VerifyLimits,
  progress: (event: VerifyProgress) => void,
  readOnlyPaths: string[] = [],
): Promise<CheckResult> {
  if (commands.length === 0 || !workDir) {
    return {
      id: "build",
      status: "skipped",
      durationMs: 0,
      summary: "No build or test commands configured.",
      findings: [],
    };
  }
  const started = performance.now();
  const runs: SandboxRun[] = [];
  const sandboxLimits: SandboxLimits = {
    wallTimeMs: limits.wallTimeMs,
    cpuSeconds: limits.cpuSeconds,
    memoryBytes: limits.memoryBytes,
    processes: limits.processes,
    fileBytes: limits.fileBytes,
    tmpBytes: limits.tmpBytes,
    workDiskBytes: limits.workDiskBytes,
    maxOutputBytes: limits.maxOutputBytes,
  };
  try {
    for (const [index, command] of commands.entries()) {
      progress({ check: "build", phase: "progress", done: index, total: commands.length });
      const run = await runSandboxed(command, workDir, sandboxLimits, { readOnlyPaths });
      runs.push(run);
      if (run.timedOut || run.exitCode !== 0) break;
    }
  } catch (error) {
    if (!isWardenError(error)) throw error;
    return {
      id: "build",
      status: "error",
      durationMs: Math.round(performance.now() - started),
      summary: error.message,
      findings: [{ check: "build", rule: "sandbox_error", severity: "error", message: error.message }],
    };
  }
  const last = runs[runs.length - 1];
  const ok = runs.length === commands.length && runs.every((run) => run.exitCode === 0 && !run.timedOut);
  const summary = ok
    ? `${commands.length} command(s) succeeded in the sandbox.`
    : last?.timedOut
      ? `'${last.command}' timed out: ${describeLimit("wall_time", sandboxLimits)}.`
      : last?.limitHit
        ? `'${last.command}' failed: it ${describeLimit(last.limitHit, sandboxLimits)}.`
        : `'${last?.command}' failed with ${last?.signal ? `signal ${last.signal}` : `exit code ${last?.exitCode}`}.`;
  return {
    id: "build",
    status: ok ? "passed" : "failed",
    durationMs: Math.round(performance.now() - started),
    summary,
    findings: ok
      ? []
      : [
          {
            check: "build",
            rule: last?.timedOut ? "timed_out" : last?.limitHit ? `limit_${last.limitHit}` : "command_failed",
            severity: "error",
            message: summary,
          },
        ],
    log: runs.map((run) => `$ ${run.command}\n${run.output}`).join("\n"),
    details: {
      sandbox: detectSandbox(),
      limits: sandboxLimits,
      runs: runs.map(({ output: _output, ...rest }) => rest),
    },
  };
}
