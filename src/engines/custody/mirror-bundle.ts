import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { WardenError } from "../../domain/errors.ts";
import { listRefs } from "./list-refs.ts";
import { isMirror } from "./mirror-repository.ts";
import { gitText, runGit } from "./run-git.ts";

const BUNDLE_TIMEOUT_MS = 30 * 60_000;

/** Every ref of a mirror (the vendor's and our preserved ones) with its object. */
export async function mirrorRefs(mirrorDir: string): Promise<Record<string, string>> {
  const { vendor, warden } = await listRefs(mirrorDir);
  return Object.fromEntries([...vendor, ...warden].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Writes a git bundle of every ref of the mirror to `file`, leaving out what
 * `known` (the refs of the previous bundle) already reach: the bundle then
 * holds only what is new, and needs the earlier bundles to be applied first.
 * Answers the refs it records, and `written: false` when nothing is new (no
 * file: the refs alone say where the mirror stands).
 *
 * @example
 * const { written, refs } = await createMirrorBundle("/data/mirrors/r.git", "/tmp/r.bundle", previous.refs);
 */
export async function createMirrorBundle(
  mirrorDir: string,
  file: string,
  known: Record<string, string> = {},
): Promise<{ written: boolean; refs: Record<string, string> }> {
  const refs = await mirrorRefs(mirrorDir);
  if (Object.keys(refs).length === 0) return { written: false, refs };
  const present: string[] = [];
  for (const oid of new Set(Object.values(known))) {
    if (await hasObject(mirrorDir, oid)) present.push(oid);
  }
  const tips = new Set(Object.values(refs));
  if ([...tips].every((oid) => present.includes(oid))) return { written: false, refs };
  const result = await runGit(
    ["bundle", "create", "--quiet", file, "--all", ...(present.length ? ["--not", ...present] : [])],
    { cwd: mirrorDir, timeoutMs: BUNDLE_TIMEOUT_MS },
  );
  if (result.code !== 0) {
    // Every ref already reachable from what the earlier bundles hold: nothing to write.
    if (/empty bundle/i.test(result.stderr)) return { written: false, refs };
    throw new WardenError("unavailable", `git bundle create failed: ${result.stderr.trim().slice(0, 500)}`);
  }
  return { written: true, refs };
}

/**
 * Brings a local copy of a mirror to a recorded state: applies the bundles in
 * order (each needs the ones before it), then sets every ref to `refs` and
 * removes refs not listed. Creates the bare repository when there is none.
 *
 * @example
 * await applyMirrorBundles("/data/mirrors/r.git", ["/tmp/1.bundle", "/tmp/2.bundle"], latest.refs);
 */
export async function applyMirrorBundles(
  mirrorDir: string,
  bundles: readonly string[],
  refs: Record<string, string>,
): Promise<void> {
  if (!isMirror(mirrorDir)) {
    await mkdir(mirrorDir, { recursive: true });
    await gitText(["init", "--bare", "--quiet", mirrorDir]);
  }
  for (const bundle of bundles) {
    if (!existsSync(bundle)) throw new WardenError("not_found", `The bundle ${bundle} is missing.`);
    await gitText(["bundle", "unbundle", bundle], {
      cwd: mirrorDir,
      timeoutMs: BUNDLE_TIMEOUT_MS,
      errorCode: "integrity",
    });
  }
  const current = await mirrorRefs(mirrorDir);
  const lines: string[] = [];
  for (const [ref, oid] of Object.entries(refs)) {
    if (current[ref] !== oid) lines.push(`update ${ref} ${oid}\n`);
  }
  for (const ref of Object.keys(current)) if (!(ref in refs)) lines.push(`delete ${ref}\n`);
  if (lines.length > 0)
    await gitText(["update-ref", "--stdin"], {
      cwd: mirrorDir,
      input: lines.join(""),
      errorCode: "integrity",
    });
}

async function hasObject(gitDir: string, oid: string): Promise<boolean> {
  const result = await runGit(["cat-file", "-e", "--end-of-options", oid], {
    cwd: gitDir,
    timeoutMs: 60_000,
  });
  return result.code === 0;
}
