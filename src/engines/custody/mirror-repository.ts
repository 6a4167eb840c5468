import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { credentialEnvironment, type GitCredentials } from "./git-credentials.ts";
import { listRefs, PRESERVED_REF_PREFIX, WARDEN_REF_PREFIX } from "./list-refs.ts";
import { acquireMirrorLock, LOCK_FILE } from "./mirror-lock.ts";
import { firstLines, type GitTransportPolicy, gitText, runGit } from "./run-git.ts";
import { validateRepositoryUrl } from "./validate-repository-url.ts";

export type RefChangeKind = "created" | "fast_forward" | "forced" | "deleted" | "tag_moved";

export interface RefChange {
  ref: string;
  kind: RefChangeKind;
  oldOid?: string;
  newOid?: string;
  /** Where the old value was kept, for forced, deleted and tag_moved changes. */
  preservedAs?: string;
}

export interface MirrorAlert {
  kind: "force_push" | "deleted_ref" | "tag_moved";
  ref: string;
  oldOid: string;
  newOid?: string;
  preservedAs: string;
  message: string;
}

export interface FsckResult {
  ok: boolean;
  durationMs: number;
  /** fsck's error and warning lines (bounded). */
  problems: string[];
}

export interface MirrorResult {
  mirrorDir: string;
  url: string;
  initialClone: boolean;
  startedAt: string;
  durationMs: number;
  changes: RefChange[];
  alerts: MirrorAlert[];
  /** Vendor refs in the mirror after the sync. */
  refCount: number;
  /** Refs kept under refs/warden/preserved/ (all syncs so far). */
  preservedRefCount: number;
  sizeBytes: number;
  fsck: FsckResult;
}

export interface MirrorOptions extends GitTransportPolicy {
  url: string;
  mirrorDir: string;
  credentials?: GitCredentials;
  now?: Date;
  /** Wall-time limit for the clone or fetch (default 30 min). */
  timeoutMs?: number;
  /** Run `git fsck` after the sync (default true). */
  fsck?: boolean;
}

// Everything the vendor has, except our own namespace: a vendor cannot overwrite preserved refs and
// `--prune` never deletes them.
const MIRROR_REFSPECS = ["+refs/*:refs/*", `^${WARDEN_REF_PREFIX}*`];
const CLONE_DIR = ".warden-clone";

/** ISO 8601 basic format: ref names may not contain ':'. */
export function preservationStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "");
}

/**
 * Mirrors a vendor repository into `mirrorDir`: `git clone --mirror` the first time, then
 * `git fetch --prune --atomic`. Every ref that vanished, was force-pushed or (for tags) moved is kept
 * under `refs/warden/preserved/<time>/<ref>` and reported as an alert; `git fsck` runs afterwards.
 * A failed sync leaves the earlier mirror as it was; a concurrent sync of the same mirror fails with
 * `conflict`.
 *
 * @example
 * const result = await mirrorRepository({ url: "https://git.example.com/acme/app.git", mirrorDir: "/data/mirrors/app.git" });
 * for (const alert of result.alerts) console.log(alert.message);
 */
export async function mirrorRepository(options: MirrorOptions): Promise<MirrorResult> {
  const now = options.now ?? new Date();
  const started = performance.now();
  const location = validateRepositoryUrl(options.url, options);
  const env = credentialEnvironment(options.credentials, location.transport);
  const mirrorDir = resolve(options.mirrorDir);
  const policy: GitTransportPolicy = { allowFile: options.allowFile, allowGitDaemon: options.allowGitDaemon };
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;

  mkdirSync(mirrorDir, { recursive: true });
  const release = acquireMirrorLock(mirrorDir, now);
  try {
    const initialClone = !isMirror(mirrorDir);
    let changes: RefChange[];
    if (initialClone) {
      const stray = readdirSync(mirrorDir).filter((name) => name !== LOCK_FILE && name !== CLONE_DIR);
      if (stray.length > 0) {
        throw new WardenError(
          "invalid_input",
          `${mirrorDir} is not empty and is not a Warden mirror (found ${stray.slice(0, 3).join(", ")}). Give an empty or new directory.`,
        );
      }
      changes = await cloneMirror(location.url, mirrorDir, env, policy, timeoutMs);
    } else {
      changes = await fetchMirror(location.url, mirrorDir, env, policy, timeoutMs, now);
    }
    const refs = await listRefs(mirrorDir);
    const alerts = changes.flatMap((change) => alertFor(change));
    const fsck =
      options.fsck === false ? { ok: true, durationMs: 0, problems: [] } : await runFsck(mirrorDir);
    return {
      mirrorDir,
      url: location.display,
      initialClone,
      startedAt: now.toISOString(),
      durationMs: Math.round(performance.now() - started),
      changes,
      alerts,
      refCount: refs.vendor.size,
      preservedRefCount: [...refs.warden.keys()].filter((ref) => ref.startsWith(PRESERVED_REF_PREFIX)).length,
      sizeBytes: await mirrorSize(mirrorDir),
      fsck,
    };
  } finally {
    release();
  }
}

/** True when the directory already holds a bare repository. */
export function isMirror(dir: string): boolean {
  return existsSync(join(dir, "HEAD")) && existsSync(join(dir, "objects")) && existsSync(join(dir, "refs"));
}

async function cloneMirror(
  url: string,
  mirrorDir: string,
  env: Record<string, string>,
  policy: GitTransportPolicy,
  timeoutMs: number,
): Promise<RefChange[]> {
  // Cloned beside the final place and moved in only when complete, so a failed clone leaves nothing.
  const staging = join(mirrorDir, CLONE_DIR);
  rmSync(staging, { recursive: true, force: true });
  try {
    const result = await runGit(["clone", "--mirror", "--quiet", "--", url, staging], {
      ...policy,
      env,
      timeoutMs,
    });
    if (result.code !== 0) throw unreachable(url, result.stderr);
    await gitText(["config", "--unset-all", "remote.origin.fetch"], { cwd: staging });
    for (const spec of MIRROR_REFSPECS) {
      await gitText(["config", "--add", "remote.origin.fetch", spec], { cwd: staging });
    }
    const cloned = await listRefs(staging);
    // A vendor repository may itself carry refs/warden/*: those are not ours, drop them.
    if (cloned.warden.size > 0) {
      const input = [...cloned.warden.keys()].map((ref) => `delete ${ref}\n`).join("");
      await gitText(["update-ref", "--stdin"], { cwd: staging, input });
    }
    for (const entry of readdirSync(staging)) renameSync(join(staging, entry), join(mirrorDir, entry));
    return [...cloned.vendor].map(([ref, oid]) => ({ ref, kind: "created" as const, newOid: oid }));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function fetchMirror(
  url: string,
  mirrorDir: string,
  env: Record<string, string>,
  policy: GitTransportPolicy,
  timeoutMs: number,
  now: Date,
): Promise<RefChange[]> {
  const before = (await listRefs(mirrorDir)).vendor;
  // --atomic: either every ref moves or none does, so a broken transfer cannot half-update the mirror.
  const result = await runGit(
    ["fetch", "--prune", "--atomic", "--quiet", "--no-write-fetch-head", "--", url, ...MIRROR_REFSPECS],
    { ...policy, cwd: mirrorDir, env, timeoutMs },
  );
  if (result.code !== 0) throw unreachable(url, result.stderr);
  await gitText(["config", "remote.origin.url", url], { cwd: mirrorDir });
  const after = (await listRefs(mirrorDir)).vendor;

  const stamp = preservationStamp(now);
  const changes: RefChange[] = [];
  for (const [ref, oldOid] of before) {
    const newOid = after.get(ref);
    if (newOid === oldOid) continue;
    const preservedAs = `${PRESERVED_REF_PREFIX}${stamp}/${ref}`;
    if (newOid === undefined) changes.push({ ref, kind: "deleted", oldOid, preservedAs });
    else if (ref.startsWith("refs/tags/"))
      changes.push({ ref, kind: "tag_moved", oldOid, newOid, preservedAs });
    else if (await isAncestor(mirrorDir, oldOid, newOid))
      changes.push({ ref, kind: "fast_forward", oldOid, newOid });
    else changes.push({ ref, kind: "forced", oldOid, newOid, preservedAs });
  }
  for (const [ref, newOid] of after) {
    if (!before.has(ref)) changes.push({ ref, kind: "created", newOid });
  }
  const toKeep = changes.filter((change) => change.preservedAs !== undefined);
  if (toKeep.length > 0) {
    const input = toKeep.map((change) => `create ${change.preservedAs} ${change.oldOid}\n`).join("");
    await gitText(["update-ref", "--stdin"], { cwd: mirrorDir, input, errorCode: "integrity" });
  }
  return changes;
}

async function isAncestor(gitDir: string, oldOid: string, newOid: string): Promise<boolean> {
  const result = await runGit(["merge-base", "--is-ancestor", "--end-of-options", oldOid, newOid], {
    cwd: gitDir,
    timeoutMs: 120_000,
  });
  return result.code === 0;
}

function alertFor(change: RefChange): MirrorAlert[] {
  if (change.preservedAs === undefined || change.oldOid === undefined) return [];
  const base = { ref: change.ref, oldOid: change.oldOid, preservedAs: change.preservedAs };
  switch (change.kind) {
    case "forced":
      return [
        {
          ...base,
          kind: "force_push",
          newOid: change.newOid,
          message: `${change.ref} was force-pushed from ${change.oldOid.slice(0, 12)} to ${change.newOid?.slice(0, 12)}; the old history is kept as ${change.preservedAs}.`,
        },
      ];
    case "deleted":
      return [
        {
          ...base,
          kind: "deleted_ref",
          message: `${change.ref} was deleted upstream; it is kept as ${change.preservedAs}.`,
        },
      ];
    case "tag_moved":
      return [
        {
          ...base,
          kind: "tag_moved",
          newOid: change.newOid,
          message: `Tag ${change.ref} was moved from ${change.oldOid.slice(0, 12)} to ${change.newOid?.slice(0, 12)}; the old target is kept as ${change.preservedAs}.`,
        },
      ];
    default:
      return [];
  }
}

function unreachable(url: string, stderr: string): WardenError {
  return new WardenError(
    "unavailable",
    `Could not mirror ${url}: ${firstLines(stderr)}. Check the URL points at a git repository, that it is reachable from this host and that the credentials are right; the earlier mirror, if any, is unchanged.`,
  );
}

/** Runs `git fsck` on a mirror and returns its verdict with the problem lines. */
export async function runFsck(gitDir: string, timeoutMs = 30 * 60_000): Promise<FsckResult> {
  const started = performance.now();
  const result = await runGit(["fsck", "--no-progress", "--no-dangling"], { cwd: gitDir, timeoutMs });
  const problems = `${result.stdout.toString("utf8")}\n${result.stderr}`
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, 100);
  return { ok: result.code === 0, durationMs: Math.round(performance.now() - started), problems };
}

/** Bytes the mirror's objects take on disk (loose, packed and garbage). */
export async function mirrorSize(gitDir: string): Promise<number> {
  const text = await gitText(["count-objects", "-v"], { cwd: gitDir });
  let kib = 0;
  for (const line of text.split("\n")) {
    const match = /^(size|size-pack|size-garbage): (\d+)$/.exec(line.trim());
    if (match) kib += Number(match[2]);
  }
  return kib * 1024;
}
