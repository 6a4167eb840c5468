import { createInterface } from "node:readline";
import { WardenError } from "../../domain/errors.ts";
import { killGroup, spawnGit } from "./run-git.ts";
import type { SecretFinding, SecretScanner } from "./scan-secrets.ts";

export interface HistoryScanResult {
  findings: SecretFinding[];
  commitsScanned: number;
  bytesScanned: number;
  /** True when the byte limit stopped the scan. */
  truncated: boolean;
}

const COMMIT_MARK = "\u001eCOMMIT\u001f";

/** Unquotes a path git printed in C-style quotes ("a\tb"). */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? "";
    if (char !== "\\") {
      bytes.push(char.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else
      bytes.push(
        ({ n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ??
          next.charCodeAt(0),
      );
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * Scans only what the new commits added: `git log -p --cc -U0` over `range` (merges included: lines a
 * merge adds that none of its parents had) (e.g. `<accepted>..<delivered>`),
 * each file's added lines scanned with their real line numbers, commit and author. The cost follows the
 * size of the change, not of the history.
 */
export function scanHistory(
  gitDir: string,
  range: string[],
  scanner: SecretScanner,
  options: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<HistoryScanResult> {
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const result: HistoryScanResult = { findings: [], commitsScanned: 0, bytesScanned: 0, truncated: false };
  const child = spawnGit(
    [
      "log",
      "-p",
      "-U0",
      "--cc",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--no-renames",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      `--format=${COMMIT_MARK}%H%x1f%an <%ae>`,
      "--end-of-options",
      ...range,
      "--",
    ],
    { cwd: gitDir },
  );
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const timer = setTimeout(
      () => {
        failure = new WardenError("timeout", "The history scan took too long and was stopped.");
        killGroup(child);
      },
      options.timeoutMs ?? 30 * 60_000,
    );
    let commit = "";
    let author = "";
    let path: string | undefined;
    let inHunk = false;
    let columns = 1;
    let newLine = 0;
    let lines: string[] = [];
    let lineNumbers: number[] = [];
    const flush = () => {
      if (path !== undefined && lines.length > 0) {
        result.findings.push(...scanner.scanText(path, lines.join("\n"), { commit, author, lineNumbers }));
      }
      lines = [];
      lineNumbers = [];
      inHunk = false;
    };
    child.stdout?.setEncoding("latin1");
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString("utf8");
    });
    const reader = createInterface({ input: child.stdout!, crlfDelay: Number.POSITIVE_INFINITY });
    reader.on("line", (line) => {
      if (result.truncated) return;
      result.bytesScanned += line.length + 1;
      if (result.bytesScanned > maxBytes) {
        result.truncated = true;
        killGroup(child);
        return;
      }
      if (line.startsWith(COMMIT_MARK)) {
        flush();
        path = undefined;
        const [hash = "", who = ""] = line.slice(COMMIT_MARK.length).split("\u001f");
        commit = hash;
        author = Buffer.from(who, "latin1").toString("utf8");
        result.commitsScanned += 1;
        return;
      }
      if (
        line.startsWith("diff --git ") ||
        line.startsWith("diff --cc ") ||
        line.startsWith("diff --combined ")
      ) {
        flush();
        path = undefined;
        // A merge shows a combined diff with one marker column per parent.
        columns = line.startsWith("diff --git ") ? 1 : 0;
        return;
      }
      if (!inHunk) {
        if (line.startsWith("+++ ")) {
          const name = unquote(Buffer.from(line.slice(4), "latin1").toString("utf8"));
          path = name === "/dev/null" ? undefined : name.replace(/^b\//, "");
        } else if (line.startsWith("@@")) {
          inHunk = true;
        } else return;
      }
      if (line.startsWith("@@")) {
        const marks = /^(@@+) /.exec(line)?.[1] ?? "@@";
        columns = marks.length - 1;
        const match = new RegExp(`^${marks}(?: -\\d+(?:,\\d+)?)+ \\+(\\d+)(?:,\\d+)? ${marks}`).exec(line);
        newLine = match ? Number(match[1]) : 0;
        return;
      }
      const markers = line.slice(0, columns);
      if (markers.includes("-")) return;
      // Added by this commit: new against every parent (in a merge, what no parent had: an "evil merge").
      if (markers.length === columns && /^\++$/.test(markers)) {
        lines.push(line.slice(columns));
        lineNumbers.push(newLine);
      }
      newLine += 1;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      flush();
      if (failure) reject(failure);
      else if (code !== 0 && !result.truncated) {
        reject(new WardenError("integrity", `git log failed while scanning history: ${stderr.trim()}`));
      } else resolve(result);
    });
    child.stdin?.end();
  });
}
