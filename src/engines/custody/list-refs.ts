import { gitText } from "./run-git.ts";

export const WARDEN_REF_PREFIX = "refs/warden/";
export const PRESERVED_REF_PREFIX = "refs/warden/preserved/";

/** Every ref of a repository with the object it points at, Warden's own namespace apart. */
export async function listRefs(
  gitDir: string,
  options: { timeoutMs?: number } = {},
): Promise<{ vendor: Map<string, string>; warden: Map<string, string> }> {
  const text = await gitText(["for-each-ref", "--format=%(objectname) %(refname)"], {
    cwd: gitDir,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  const vendor = new Map<string, string>();
  const warden = new Map<string, string>();
  for (const line of text.split("\n")) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    const oid = line.slice(0, space);
    const ref = line.slice(space + 1);
    (ref.startsWith(WARDEN_REF_PREFIX) ? warden : vendor).set(ref, oid);
  }
  return { vendor, warden };
}
