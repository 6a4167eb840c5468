import { createHash } from "node:crypto";
import { closeSync, type Dirent, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Worker } from "node:worker_threads";
import { startWorker, workerEntry } from "../run-in-worker.ts";
import {
  DEFAULT_SECRET_RULES,
  isPlaceholderSecret,
  type SecretRule,
  shannonEntropy,
} from "./secret-rules.ts";

/** Findings to ignore for an engagement: by path (glob: `*`, `**`, `?`), rule id, or fingerprint. */
export interface SecretAllowlist {
  paths?: string[];
  rules?: string[];
  fingerprints?: string[];
}

export interface SecretFinding {
  rule: string;
  description: string;
  file: string;
  line: number;
  column: number;
  /** The line with the secret masked (only its first 4 characters shown). */
  snippet: string;
  /** Stable id of this secret for this rule, wherever it appears: what an allowlist names. */
  fingerprint: string;
  commit?: string;
  author?: string;
  /** Found by a generic rule (a secret-looking name and entropy) rather than a provider's token format. */
  generic?: boolean;
}

export interface SecretScanOptions {
  rules?: readonly SecretRule[];
  allowlist?: SecretAllowlist;
  /** Files larger than this are skipped and counted (default 1 MiB, like ripgrep's --max-filesize 1M). */
  maxFileBytes?: number;
  /** Stop (and say so) after this much wall time. */
  timeLimitMs?: number;
  /** Worker threads for a folder scan (default 1; only with the default rules). */
  workers?: number;
}

export interface SecretScanResult {
  findings: SecretFinding[];
  filesScanned: number;
  filesSkipped: number;
  bytesScanned: number;
  durationMs: number;
  /** True when the time limit stopped the scan before every file was read. */
  truncated: boolean;
}

/** Where a finding was seen, beyond its file: the commit and author of a history scan. */
export interface FindingOrigin {
  commit?: string;
  author?: string;
  /** For scans of an extract (added lines of a diff): the real line number of each scanned line. */
  lineNumbers?: readonly number[];
}

const BINARY_PROBE = 8000;

/**
 * A compiled scanner: one case-insensitive regex over all keywords finds candidate positions, and only
 * there is each rule tried, anchored. Reused across files and commits.
 */
export class SecretScanner {
  private readonly keywordRegex: RegExp;
  private readonly rulesByKeyword = new Map<string, SecretRule[]>();
  private readonly pathAllow: RegExp[];
  private readonly ruleAllow: Set<string>;
  private readonly fingerprintAllow: Set<string>;
  readonly maxFileBytes: number;

  constructor(options: SecretScanOptions = {}) {
    const rules = options.rules ?? DEFAULT_SECRET_RULES;
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    this.ruleAllow = new Set(options.allowlist?.rules ?? []);
    this.fingerprintAllow = new Set(options.allowlist?.fingerprints ?? []);
    this.pathAllow = (options.allowlist?.paths ?? []).map(globToRegExp);
    for (const rule of rules) {
      if (this.ruleAllow.has(rule.id)) continue;
      for (const raw of rule.keywords) {
        const keyword = raw.toLowerCase();
        const list = this.rulesByKeyword.get(keyword) ?? [];
        list.push(rule);
        this.rulesByKeyword.set(keyword, list);
      }
    }
    // Longest keywords first, so one hit stands for every keyword starting there: "secret_access_key"
    // also tries the rules of "secret", after its own.
    const keywords = [...this.rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
    const own = new Map([...this.rulesByKeyword].map(([keyword, list]) => [keyword, [...list]]));
    for (const keyword of keywords) {
      const list = this.rulesByKeyword.get(keyword) ?? [];
      for (const shorter of keywords) {
        if (shorter.length >= keyword.length || !keyword.startsWith(shorter)) continue;
        for (const rule of own.get(shorter) ?? []) if (!list.includes(rule)) list.push(rule);
      }
    }
    this.keywordRegex = new RegExp(keywords.map(escapeRegExp).join("|"), "g");
  }

  /** True when the path is allowlisted (its content need not be read). */
  isPathAllowed(path: string): boolean {
    return this.pathAllow.some((pattern) => pattern.test(path));
  }

  /** Scans a file's bytes; binary files (a NUL in the first 8000 bytes) and oversized ones give nothing. */
  scanBuffer(path: string, content: Buffer, origin: FindingOrigin = {}): SecretFinding[] {
    if (content.length > this.maxFileBytes || isBinary(content) || this.isPathAllowed(path)) return [];
    // latin1 keeps one character per byte: fast to decode, and offsets are byte offsets.
    return this.scanText(path, content.toString("latin1"), origin);
  }

  /** Scans text already decoded (latin1 for byte-exact columns). */
  scanText(path: string, text: string, origin: FindingOrigin = {}): SecretFinding[] {
    // Checked here too: history scans hand over text, never a buffer.
    if (this.isPathAllowed(path)) return [];
    const findings: SecretFinding[] = [];
    // Secret start → index of its finding; a provider rule replaces a generic one at the same place.
    const seen = new Map<number, number>();
    // Secret starts of allowlisted provider secrets, and the generic findings they take back.
    const suppressed = new Set<number>();
    const dropped = new Set<number>();
    const keywordRegex = this.keywordRegex;
    keywordRegex.lastIndex = 0;
    // A case-sensitive pass over lower-cased text is about three times faster than a /i regex, and
    // lower-casing one-byte text keeps every offset.
    const lower = text.toLowerCase();
    const cursor = new LineCursor(text);
    for (let hit = keywordRegex.exec(lower); hit !== null; hit = keywordRegex.exec(lower)) {
      const position = hit.index;
      const rules = this.rulesByKeyword.get(hit[0]);
      if (!rules) continue;
      for (const rule of rules) {
        const pattern = rule.pattern;
        pattern.lastIndex = position;
        const match = pattern.exec(text);
        if (!match) continue;
        const end = position + match[0].length;
        const secret = rule.secretFollows
          ? text
              .slice(end, end + 400)
              .replace(/[^A-Za-z0-9+/=]/g, "")
              .slice(0, 96)
          : lastGroup(match);
        if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
        if (rule.confirm && !rule.confirm(secret, text, end)) continue;
        if (!rule.secretFollows && isPlaceholderSecret(secret)) continue;
        const secretStart = rule.secretFollows ? position : position + match[0].lastIndexOf(secret);
        const earlier = seen.get(secretStart);
        if (earlier !== undefined && (rule.generic || !findings[earlier]?.generic)) continue;
        if (suppressed.has(secretStart) && rule.generic) continue;
        const fingerprint = createHash("sha256").update(`${rule.id}\0${secret}`).digest("hex").slice(0, 32);
        if (this.fingerprintAllow.has(fingerprint)) {
          // An allowlisted provider secret is not reported again by a generic rule at the same place.
          if (!rule.generic) {
            suppressed.add(secretStart);
            if (earlier !== undefined && findings[earlier]?.generic) dropped.add(earlier);
          }
          continue;
        }
        const lineNumber = cursor.lineAt(secretStart);
        const lineStart = text.lastIndexOf("\n", secretStart - 1) + 1;
        const finding: SecretFinding = {
          rule: rule.id,
          description: rule.description,
          file: path,
          line: origin.lineNumbers?.[lineNumber - 1] ?? lineNumber,
          column: secretStart - lineStart + 1,
          snippet: redactedLine(
            text,
            lineStart,
            secretStart,
            rule.secretFollows ? match[0].length : secret.length,
          ),
          fingerprint,
        };
        if (origin.commit) finding.commit = origin.commit;
        if (origin.author) finding.author = origin.author;
        if (rule.generic) finding.generic = true;
        if (earlier !== undefined) findings[earlier] = finding;
        else {
          seen.set(secretStart, findings.length);
          findings.push(finding);
        }
        break;
      }
    }
    return dropped.size === 0 ? findings : findings.filter((_, i) => !dropped.has(i));
  }
}

/** Line numbers for increasing offsets, counting each newline once. */
class LineCursor {
  private line = 1;
  private counted = 0;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.counted) {
      let line = this.line;
      for (
        let i = this.text.indexOf("\n", offset);
        i !== -1 && i < this.counted;
        i = this.text.indexOf("\n", i + 1)
      ) {
        line -= 1;
      }
      return line;
    }
    for (
      let i = this.text.indexOf("\n", this.counted);
      i !== -1 && i < offset;
      i = this.text.indexOf("\n", i + 1)
    ) {
      this.line += 1;
    }
    this.counted = offset;
    return this.line;
  }
}

function lastGroup(match: RegExpExecArray): string {
  for (let i = match.length - 1; i >= 1; i--) {
    const group = match[i];
    if (group !== undefined) return group;
  }
  return match[0];
}

function redactedLine(text: string, lineStart: number, secretStart: number, secretLength: number): string {
  let lineEnd = text.indexOf("\n", secretStart);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, secretStart - 40);
  const to = Math.min(lineEnd, secretStart + secretLength + 40);
  const shown = Math.min(4, secretLength);
  const masked = `${text.slice(secretStart, secretStart + shown)}${"*".repeat(Math.min(secretLength - shown, 24))}`;
  const raw = `${text.slice(from, secretStart)}${masked}${text.slice(secretStart + secretLength, to)}`;
  const shownText = Buffer.from(raw.replace(/\r$/, ""), "latin1").toString("utf8").trim();
  return `${from > lineStart ? "…" : ""}${shownText}${to < lineEnd ? "…" : ""}`;
}

export function isBinary(content: Buffer): boolean {
  const probe = content.length > BINARY_PROBE ? content.subarray(0, BINARY_PROBE) : content;
  return probe.indexOf(0) !== -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** `**` any depth, `*` within a path segment, `?` one character; a pattern without `/` matches a base name anywhere. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? "";
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += escapeRegExp(char);
  }
  return new RegExp(glob.includes("/") ? `^${source}$` : `(?:^|/)${source}$`);
}

/** A file given in memory to {@link scanSecrets}. */
export interface SecretScanFile {
  path: string;
  content: Buffer | string;
}

/**
 * Scans a folder (recursively; symlinks are not followed, `.git` is skipped) or a list of in-memory files
 * for secrets. Paths in findings are relative to the folder.
 *
 * @example
 * const { findings } = await scanSecrets("/tmp/delivery", { allowlist: { paths: ["test/fixtures/**"] } });
 */
export async function scanSecrets(
  input: string | readonly SecretScanFile[],
  options: SecretScanOptions = {},
): Promise<SecretScanResult> {
  const started = performance.now();
  // Wall-clock time, comparable across worker threads.
  const deadline =
    options.timeLimitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeLimitMs;
  const scanner = new SecretScanner(options);
  const result = emptyResult();

  if (typeof input !== "string") {
    for (const file of input) {
      if (Date.now() > deadline) {
        result.truncated = true;
        break;
      }
      const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
      takeContent(scanner, result, file.path, content);
    }
  } else {
    const files = listFiles(input).filter((file) => !scanner.isPathAllowed(relativePath(input, file)));
    const workers = Math.min(options.workers ?? 1, Math.ceil(files.length / 2000));
    if (workers > 1 && options.rules === undefined) {
      mergeInto(result, await scanInWorkers(input, files, workers, options, deadline));
    } else {
      for (let i = 0; i < files.length; i++) {
        // Synchronous reads are about twice as fast as the thread-pool path for many small files; yield
        // now and then so timers and progress still run.
        if (i % 512 === 511) await new Promise((done) => setImmediate(done));
        if (!scanFile(scanner, result, input, files[i] as string, deadline)) break;
      }
    }
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

function emptyResult(): SecretScanResult {
  return { findings: [], filesScanned: 0, filesSkipped: 0, bytesScanned: 0, durationMs: 0, truncated: false };
}

function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}

function takeContent(scanner: SecretScanner, result: SecretScanResult, path: string, content: Buffer): void {
  if (content.length > scanner.maxFileBytes || isBinary(content)) {
    result.filesSkipped += 1;
    return;
  }
  result.filesScanned += 1;
  result.bytesScanned += content.length;
  for (const finding of scanner.scanBuffer(path, content)) result.findings.push(finding);
}

/** Reads and scans one file of a folder; false once the deadline has passed. */
function scanFile(
  scanner: SecretScanner,
  result: SecretScanResult,
  root: string,
  file: string,
  deadline: number,
): boolean {
  if (Date.now() > deadline) {
    result.truncated = true;
    return false;
  }
  const content = readBounded(file, scanner.maxFileBytes);
  if (content === undefined) result.filesSkipped += 1;
  else takeContent(scanner, result, relativePath(root, file), content);
  return true;
}

/** Scans a list of a folder's files synchronously (the body of a worker thread). */
export function scanFileList(
  root: string,
  files: readonly string[],
  options: SecretScanOptions,
  deadline: number,
): SecretScanResult {
  const scanner = new SecretScanner(options);
  const result = emptyResult();
  for (const file of files) if (!scanFile(scanner, result, root, file, deadline)) break;
  return result;
}

function mergeInto(target: SecretScanResult, part: SecretScanResult): void {
  for (const finding of part.findings) target.findings.push(finding);
  target.filesScanned += part.filesScanned;
  target.filesSkipped += part.filesSkipped;
  target.bytesScanned += part.bytesScanned;
  target.truncated ||= part.truncated;
}

/**
 * Splits a folder's files across worker threads (interleaved, so big and small files spread evenly).
 * Falls back to this thread when workers cannot start (e.g. no TypeScript loader in this process).
 */
async function scanInWorkers(
  root: string,
  files: string[],
  workers: number,
  options: SecretScanOptions,
  deadline: number,
): Promise<SecretScanResult> {
  const shares = Array.from({ length: workers }, (_, worker) =>
    files.filter((_, index) => index % workers === worker),
  );
  const plain = { allowlist: options.allowlist, maxFileBytes: options.maxFileBytes };
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise<SecretScanResult>((resolvePart) => {
          const fallback = () => resolvePart(scanFileList(root, share, plain, deadline));
          let worker: Worker;
          try {
            worker = startWorker(workerEntry(import.meta.url, "scan-secrets-worker"), {
              workerData: { root, files: share, options: plain, deadline },
            });
          } catch {
            fallback();
            return;
          }
          let settled = false;
          worker.once("message", (part: SecretScanResult) => {
            settled = true;
            resolvePart(part);
          });
          worker.once("error", () => {
            if (!settled) {
              settled = true;
              fallback();
            }
          });
          worker.once("exit", () => {
            if (!settled) {
              settled = true;
              fallback();
            }
          });
        }),
    ),
  );
  const total = emptyResult();
  for (const part of parts) mergeInto(total, part);
  return total;
}

/** Reads a file unless it is larger than `maxBytes` (then undefined, without reading it). */
export function readBounded(path: string, maxBytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? buffer : buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Regular files under a folder; symlinks and `.git` are left out. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git") pending.push(path);
      } else if (entry.isFile()) files.push(path);
    }
  }
  return files;
}
