import { createHash, type Hash } from "node:crypto";
import { closeSync, mkdirSync, openSync, symlinkSync, writeSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { readBlobs } from "./read-blobs.ts";
import { runGit } from "./run-git.ts";

export type ManifestEntryKind = "file" | "executable" | "symlink" | "submodule";

export interface ManifestEntry {
  path: string;
  kind: ManifestEntryKind;
  /** Git object id (the commit id for a submodule). */
  oid: string;
  size: number;
  /** sha256 of the content; for a symlink, of its target text (links are recorded, never followed). */
  sha256?: string;
  /** A symlink's target. */
  target?: string;
  /** A symlink pointing outside the delivered tree (absolute, or climbing above the root). */
  escapesTree?: boolean;
}

export interface Manifest {
  commit: string;
  tree: string;
  files: ManifestEntry[];
  fileCount: number;
  totalBytes: number;
  /** Entries refused (unsafe paths) with why; they are neither exported nor scanned. */
  refused: Array<{ path: string; reason: string }>;
}

export interface TreeLimits {
  maxFiles?: number;
  maxTotalBytes?: number;
}

export interface ReadTreeOptions {
  /** Write the tree here (an empty directory): files first, then only in-tree symlinks. */
  exportTo?: string;
  /** Files up to this size are handed to `onContent` (default 1 MiB). */
  maxContentBytes?: number;
  /** Called with each small enough regular file's content (and symlink targets are not passed). */
  onContent?: (entry: ManifestEntry, content: Buffer) => void;
  onProgress?: (done: number, total: number) => void;
  limits?: TreeLimits;
  timeoutMs?: number;
}

interface TreeRow {
  mode: string;
  type: string;
  oid: string;
  size: number;
  path: string;
}

/** Why a path from a tree must not reach the disk, or undefined when it is safe. */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return "empty path";
  if (path.startsWith("/")) return "absolute path";
  if (path.length > 4096) return "path too long";
  for (const part of path.split("/")) {
    if (part === "" || part === "." || part === "..") return "path escapes the tree";
    if (part.toLowerCase() === ".git") return "a .git component";
  }
  return undefined;
}

/** Lists a tree recursively (`git ls-tree -r -z -l`), bounded. */
export async function listTree(gitDir: string, tree: string, limits: TreeLimits = {}): Promise<TreeRow[]> {
  const result = await runGit(["ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", tree], {
    cwd: gitDir,
    maxOutputBytes: 512 * 1024 * 1024,
  });
  if (result.code !== 0)
    throw new WardenError("not_found", `Tree ${tree} could not be listed: ${result.stderr.trim()}`);
  const rows: TreeRow[] = [];
  const maxFiles = limits.maxFiles ?? 1_000_000;
  let start = 0;
  const out = result.stdout;
  while (start < out.length) {
    const end = out.indexOf(0, start);
    const record = out.subarray(start, end < 0 ? out.length : end).toString("utf8");
    start = end < 0 ? out.length : end + 1;
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", oid = "", size = ""] = record.slice(0, tab).split(/\s+/);
    rows.push({ mode, type, oid, size: size === "-" ? 0 : Number(size), path: record.slice(tab + 1) });
    if (rows.length > maxFiles) {
      throw new WardenError(
        "too_large",
        `The delivered tree has more than ${maxFiles} files; raise the file limit if this is expected.`,
      );
    }
  }
  return rows;
}

function kindOf(mode: string): ManifestEntryKind {
  if (mode === "120000") return "symlink";
  if (mode === "160000") return "submodule";
  if (mode === "100755") return "executable";
  return "file";
}

function linkEscapes(path: string, target: string): boolean {
  if (target.startsWith("/")) return true;
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  return resolved === ".." || resolved.startsWith("../");
}

/**
 * Reads a delivered tree out of a mirror in one streaming pass: builds the manifest (sha256 of every
 * file, symlinks recorded with their target), optionally writes a work copy, and hands each small file's
 * content to `onContent` for scanning. Paths that could escape the directory (`..`, absolute, `.git`)
 * are refused and listed; symlinks leaving the tree are recorded but not created in the work copy.
 */
export async function readDeliveredTree(
  gitDir: string,
  commit: string,
  tree: string,
  options: ReadTreeOptions = {},
): Promise<Manifest> {
  const rows = await listTree(gitDir, tree, options.limits);
  const maxContent = options.maxContentBytes ?? 1024 * 1024;
  const maxTotal = options.limits?.maxTotalBytes ?? 8 * 1024 ** 3;
  const refused: Manifest["refused"] = [];
  const files: ManifestEntry[] = [];
  const blobs: ManifestEntry[] = [];
  let totalBytes = 0;
  for (const row of rows) {
    const reason = unsafePathReason(row.path);
    if (reason) {
      refused.push({ path: row.path, reason });
      continue;
    }
    const entry: ManifestEntry = { path: row.path, kind: kindOf(row.mode), oid: row.oid, size: row.size };
    files.push(entry);
    if (entry.kind === "submodule") {
      if (options.exportTo) mkdirSync(join(options.exportTo, row.path), { recursive: true });
      continue;
    }
    totalBytes += row.size;
    blobs.push(entry);
  }
  if (totalBytes > maxTotal) {
    throw new WardenError(
      "too_large",
      `The delivered tree holds ${totalBytes} bytes, above the ${maxTotal}-byte limit; raise the limit if this is expected.`,
    );
  }

  const links: ManifestEntry[] = [];
  let hash: Hash | undefined;
  let fd: number | undefined;
  let parts: Buffer[] | undefined;
  let current: ManifestEntry | undefined;
  let done = 0;
  await readBlobs(
    gitDir,
    blobs.map((entry) => entry.oid),
    {
      start(index) {
        current = blobs[index];
        hash = createHash("sha256");
        const keep = current !== undefined && (current.kind === "symlink" || current.size <= maxContent);
        parts = keep ? [] : undefined;
        if (options.exportTo && current && current.kind !== "symlink") {
          const target = join(options.exportTo, current.path);
          mkdirSync(dirname(target), { recursive: true });
          try {
            // "wx": never replace or follow anything already there.
            fd = openSync(target, "wx", current.kind === "executable" ? 0o755 : 0o644);
          } catch (error) {
            throw new WardenError(
              "integrity",
              `Tree entry '${current.path}' cannot be written to the work copy (${(error as NodeJS.ErrnoException).code}): the tree repeats or nests an entry; run fsck on the mirror.`,
            );
          }
        }
      },
      data(chunk) {
        hash?.update(chunk);
        parts?.push(chunk);
        if (fd !== undefined) writeSync(fd, chunk);
      },
      end() {
        if (fd !== undefined) {
          closeSync(fd);
          fd = undefined;
        }
        if (!current) return;
        current.sha256 = hash?.digest("hex");
        const content = parts ? Buffer.concat(parts) : undefined;
        if (current.kind === "symlink" && content) {
          current.target = content.toString("utf8");
          current.escapesTree = linkEscapes(current.path, current.target);
          links.push(current);
        } else if (content && options.onContent) {
          options.onContent(current, content);
        }
        done += 1;
        if (done % 500 === 0) options.onProgress?.(done, blobs.length);
      },
    },
    { timeoutMs: options.timeoutMs },
  );
  options.onProgress?.(blobs.length, blobs.length);
  if (options.exportTo) {
    // Links last, so no file is ever written through one; links leaving the tree are not created.
    for (const link of links) {
      if (link.escapesTree || link.target === undefined) continue;
      const target = join(options.exportTo, link.path);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(link.target, target);
    }
  }
  return { commit, tree, files, fileCount: files.length, totalBytes, refused };
}
