import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type cliProgress from "cli-progress";
import type { Command } from "commander";
import type { ZodType } from "zod";
import { isWardenError, WardenError } from "../../domain/errors.ts";
import type { DeliveryReport, MirrorResult, VerifyProgress } from "../../engines/custody/index.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

const REPOSITORY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MAX_INPUT_FILE = 1024 * 1024;

/** The schemas of the input files, built when a command reads one (zod is not loaded for `--help`). */
export async function inputFileSchemas() {
  const { z } = await import("zod");
  const rosterSchema = z.array(
    z.object({
      name: z.string().max(200).optional(),
      emails: z.array(z.string().max(320)).min(1),
      sshSigningKeys: z.array(z.string().max(16_384)).optional(),
      gpgFingerprints: z.array(z.string().max(128)).optional(),
      gpgPublicKeys: z.array(z.string().max(256 * 1024)).optional(),
    }),
  );
  return {
    rosterFileSchema: z.union([rosterSchema, z.object({ members: rosterSchema })]),
    allowlistSchema: z.object({
      paths: z.array(z.string().max(1000)).optional(),
      rules: z.array(z.string().max(200)).optional(),
      fingerprints: z.array(z.string().max(200)).optional(),
    }),
    policySchema: z.object({ deny: z.array(z.string().max(100)), warn: z.array(z.string().max(100)) }),
  };
}

/** Reads a small JSON or YAML file and parses it with a schema, naming the file in any error. */
export async function readInputFile<T>(path: string, schema: ZodType<T>, what: string): Promise<T> {
  const { parse: parseYaml } = await import("yaml");
  let text: string;
  try {
    if (statSync(path).size > MAX_INPUT_FILE) {
      throw new WardenError("too_large", `The ${what} file ${path} is larger than 1 MiB.`);
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (isWardenError(error)) throw error;
    throw new WardenError(
      "invalid_input",
      `Cannot read the ${what} file ${path}: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new WardenError(
      "invalid_input",
      `The ${what} file ${path} is not valid JSON or YAML: ${(error as Error).message}`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WardenError(
      "invalid_input",
      `The ${what} file ${path} is malformed at ${issue?.path.join(".") || "its root"}: ${issue?.message ?? "invalid"}.`,
    );
  }
  return parsed.data;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 24 * 3600) {
    throw new WardenError(
      "invalid_input",
      `--timeout must be a number of seconds between 1 and 86400, got '${value}'.`,
    );
  }
  return seconds;
}

interface VerifyOptions {
  json?: boolean;
  sarif?: string;
  manifest?: string;
  commands?: string[];
  sandboxRead?: string[];
  roster?: string;
  previous?: string;
  requireSigned?: boolean;
  allowlist?: string;
  licencePolicy?: string;
  mirrorDir?: string;
  timeout?: string;
  username?: string;
  tokenEnv?: string;
  allowGitProtocol?: boolean;
}

/** A step of the mirror sync or of one verification check. */
type ProgressEvent = Omit<VerifyProgress, "check"> & { check: VerifyProgress["check"] | "mirror" };

/** Progress on stderr, only for a person watching a terminal. */
async function progressReporter(enabled: boolean): Promise<{
  onProgress: (event: ProgressEvent) => void;
  stop: () => void;
  note: (text: string) => void;
}> {
  if (!enabled) return { onProgress: () => {}, stop: () => {}, note: () => {} };
  const { default: cliProgress } = await import("cli-progress");
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: " {check} [{bar}] {value}/{total}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const byCheck = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(event) {
      let bar = byCheck.get(event.check);
      if (!bar) {
        bar = bars.create(event.total ?? 1, 0, { check: event.check.padEnd(10) });
        byCheck.set(event.check, bar);
      }
      if (event.total !== undefined) bar.setTotal(Math.max(1, event.total));
      if (event.phase === "done") bar.update(bar.getTotal());
      else if (event.done !== undefined) bar.update(event.done);
    },
    note(text) {
      bars.log(`${text}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}

/** What the output says of the mirror the delivery was verified from. */
type MirrorSummary = Pick<MirrorResult, "url" | "refCount" | "sizeBytes" | "alerts"> & {
  fsck: { ok: boolean };
};

function printHuman(report: DeliveryReport, mirror: MirrorSummary): void {
  const out: string[] = [];
  out.push(`Delivery ${report.ref} at ${report.commit} (tree ${report.tree})`);
  out.push(
    `Mirror: ${mirror.refCount} refs, ${mirror.sizeBytes} bytes, fsck ${mirror.fsck.ok ? "clean" : "FAILED"}`,
  );
  for (const alert of mirror.alerts) out.push(`  alert: ${alert.message}`);
  for (const check of report.checks)
    out.push(`  ${check.status.toUpperCase().padEnd(8)} ${check.id}: ${check.summary}`);
  if (report.findings.length > 0) out.push("Findings:");
  for (const finding of report.findings) {
    const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ""}` : "";
    const who = [finding.commit?.slice(0, 12), finding.author].filter(Boolean).join(" ");
    out.push(`  [${finding.check}/${finding.rule}] ${where}${who ? ` (${who})` : ""} ${finding.message}`);
  }
  out.push(`Verdict: ${report.verdict.toUpperCase()}`);
  for (const reason of report.reasons) out.push(`  - ${reason}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

/**
 * `warden verify <repo> <ref>`: mirrors any git URL or local path (into `--mirror-dir`, or a temporary
 * folder removed afterwards), then verifies the delivery from that mirror. Exit 0 accepted, 1 rejected,
 * 2 bad input.
 */
export function registerVerifyCommands(program: Command): void {
  program
    .command("verify")
    .description(
      "Mirror a repository and verify a delivery: manifest, secrets, licences, authorship, build and tests",
    )
    .argument("<repo>", "a registered repository's id, or a git URL (https, ssh, file) or local path")
    .argument("<ref>", "branch, tag or commit of the delivery")
    .option(
      "--json",
      "print the report as JSON (every finding with its check, file, line, commit and author)",
    )
    .option("--sarif <file>", "write the scan findings as SARIF 2.1.0")
    .option("--manifest <file>", "write the full manifest (every file with its sha256) as JSON")
    .option("--commands <command...>", "build and test commands run in the sandbox, in order")
    .option("--sandbox-read <dir...>", "host folders the commands may read (e.g. an offline package cache)")
    .option(
      "--roster <file>",
      "JSON or YAML list of {name, emails, sshSigningKeys, gpgPublicKeys, gpgFingerprints}",
    )
    .option("--previous <commit>", "the last accepted delivery: history checks cover only the commits since")
    .option("--require-signed", "require every new commit to be signed by its author's roster key")
    .option("--allowlist <file>", "JSON or YAML secret allowlist {paths, rules, fingerprints}")
    .option("--licence-policy <file>", "JSON or YAML licence policy {deny, warn} of SPDX ids (prefix*)")
    .option("--mirror-dir <dir>", "keep the mirror here (synced if it exists)")
    .option("--timeout <seconds>", "wall-time limit per command", "900")
    .option("--username <name>", "https user name (the secret comes from --token-env)")
    .option("--token-env <variable>", "environment variable holding the https password or token")
    .option("--allow-git-protocol", "allow git:// to a loopback git daemon")
    .action(
      runAction(async (repo: string, ref: string, opts: VerifyOptions) => {
        const seconds = positiveSeconds(opts.timeout ?? "900");
        const { rosterFileSchema, allowlistSchema, policySchema } = await inputFileSchemas();
        const roster = opts.roster ? await readInputFile(opts.roster, rosterFileSchema, "roster") : undefined;
        const members = roster === undefined ? undefined : Array.isArray(roster) ? roster : roster.members;
        const allowlist = opts.allowlist
          ? await readInputFile(opts.allowlist, allowlistSchema, "allowlist")
          : undefined;
        const policy = opts.licencePolicy
          ? await readInputFile(opts.licencePolicy, policySchema, "licence policy")
          : undefined;
        let credentials: { username?: string; token?: string } | undefined;
        if (opts.tokenEnv) {
          const token = process.env[opts.tokenEnv];
          if (!token)
            throw new WardenError(
              "invalid_input",
              `The environment variable ${opts.tokenEnv} is empty or not set.`,
            );
          credentials = { token, ...(opts.username ? { username: opts.username } : {}) };
        }

        const { mirrorRepository, toSarif, verifyDelivery } = await import("../../engines/custody/index.ts");
        // A registered repository (its id) is synced into Warden's own mirror and
        // verified from there; any other URL or path is mirrored into a scratch folder.
        const registered = REPOSITORY_ID.test(repo);
        const temporary =
          opts.mirrorDir || registered ? undefined : mkdtempSync(join(tmpdir(), "warden-verify-"));
        let mirrorDir = opts.mirrorDir ?? join(temporary ?? tmpdir(), "mirror.git");
        const progress = await progressReporter(process.stderr.isTTY === true);
        try {
          progress.onProgress({ check: "mirror", phase: "start", total: 1 });
          let mirror: MirrorSummary;
          if (registered) {
            const [{ mirrorDirFor }, { syncRepositoryNow }] = await Promise.all([
              import("../../services/custody/custody-repositories.ts"),
              import("../../services/custody/sync-repository.ts"),
            ]);
            const synced = await withRuntime(async (ctx) => ({
              outcome: await syncRepositoryNow(ctx, repo),
              dir: mirrorDirFor(ctx.runtime, repo),
            }));
            if (synced.outcome.status === "failed") {
              throw new WardenError(
                "unavailable",
                `The sync of repository ${repo} failed: ${synced.outcome.error ?? "unknown error"}.`,
              );
            }
            mirrorDir = synced.dir;
            mirror = {
              url: `registered repository ${repo}`,
              refCount: synced.outcome.refCount ?? 0,
              sizeBytes: synced.outcome.sizeBytes ?? 0,
              alerts: [],
              fsck: { ok: synced.outcome.fsckOk ?? true },
            };
          } else {
            mirror = await mirrorRepository({
              url: repo,
              mirrorDir,
              credentials,
              allowFile: true,
              allowGitDaemon: opts.allowGitProtocol === true,
            });
          }
          progress.onProgress({ check: "mirror", phase: "done" });
          const report = await verifyDelivery({
            mirrorDir,
            ref,
            previousAcceptedCommit: opts.previous,
            commands: opts.commands,
            sandboxReadOnlyPaths: (opts.sandboxRead ?? []).map((dir) => resolve(dir)),
            roster: members,
            requireSignedCommits: opts.requireSigned === true,
            secretAllowlist: allowlist,
            licencePolicy: policy,
            limits: { wallTimeMs: seconds * 1000, cpuSeconds: seconds },
            onProgress: progress.onProgress,
          }).catch((error: unknown) => {
            // A ref that is not in the repository is a mistake in the command's input.
            if (isWardenError(error) && error.code === "not_found")
              throw new WardenError("invalid_input", error.message);
            throw error;
          });
          progress.stop();
          if (opts.sarif) writeFileSync(opts.sarif, `${JSON.stringify(toSarif(report), null, 2)}\n`);
          if (opts.manifest) writeFileSync(opts.manifest, `${JSON.stringify(report.manifest, null, 2)}\n`);
          if (opts.json) {
            const { manifest, ...rest } = report;
            printJson({
              ...rest,
              manifest: {
                commit: manifest.commit,
                tree: manifest.tree,
                fileCount: manifest.fileCount,
                totalBytes: manifest.totalBytes,
                refused: manifest.refused,
              },
              mirror: {
                url: mirror.url,
                refCount: mirror.refCount,
                sizeBytes: mirror.sizeBytes,
                alerts: mirror.alerts,
                fsck: mirror.fsck,
              },
            });
          } else printHuman(report, mirror);
          return report.verdict === "accepted" ? EXIT.ok : EXIT.checkFailed;
        } finally {
          progress.stop();
          if (temporary) rmSync(temporary, { recursive: true, force: true });
        }
      }),
    );
}
