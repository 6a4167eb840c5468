import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { type GitTransportPolicy, runGit } from "../../engines/custody/run-git.ts";
import { validateRepositoryUrl } from "../../engines/custody/validate-repository-url.ts";
import { DEFAULT_ARCHIVE_LIMITS } from "./read-archive.ts";
import { readSuspectFiles, type SuspectText } from "./read-suspect.ts";
import { readTarArchive } from "./read-tar-archive.ts";

const CLONE_TIMEOUT_MS = 5 * 60_000;

/** Whether a suspect argument names a repository rather than a path on this machine. */
export const isRepositoryUrl = (value: string): boolean =>
  /^(https|ssh|file):\/\//i.test(value) || /^[^@/:\s]+@[^@/:\s]+:/.test(value);

/**
 * The files at the tip of a suspect git repository, as texts to trace. The URL is checked as
 * the custody engine checks a vendor's (https and ssh; `file://` only when the policy allows
 * it), the clone is shallow and bare, every git call runs with hooks off and only those
 * protocols allowed, and the tree is read through `git archive` into the bounded tar reader:
 * symbolic links and submodules are never followed.
 */
export async function readGitSuspect(
  url: string,
  policy: GitTransportPolicy = {},
): Promise<{ suspects: SuspectText[]; skipped: { name: string; reason: string }[] }> {
  const location = validateRepositoryUrl(url, policy);
  const dir = await mkdtemp(join(tmpdir(), "warden-suspect-"));
  try {
    const gitDir = join(dir, "suspect.git");
    const options = { ...policy, timeoutMs: CLONE_TIMEOUT_MS };
    const cloned = await runGit(
      ["clone", "--bare", "--depth", "1", "--single-branch", "--no-tags", "--", location.url, gitDir],
      options,
    );
    if (cloned.code !== 0) {
      const reason = cloned.stderr.trim().split("\n").pop() ?? "";
      throw new WardenError("invalid_input", `Could not clone ${location.display}: ${reason}`);
    }
    const archive = await runGit(["archive", "--format=tar", "HEAD"], {
      ...options,
      cwd: gitDir,
      maxOutputBytes: DEFAULT_ARCHIVE_LIMITS.maxTotalBytes * 2,
    });
    if (archive.code !== 0) {
      throw new WardenError("invalid_input", `${location.display} has no commit to read.`);
    }
    return readSuspectFiles(await readTarArchive(archive.stdout));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
