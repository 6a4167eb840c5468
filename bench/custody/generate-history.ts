import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const BENCH_AUTHOR = { name: "Dev Vendor", email: "dev@vendor.example" };

/**
 * Creates a bare repository with `commits` commits on main (each rewrites one of `files` small source
 * files) in one `git fast-import` run, and returns the commit ids in order.
 */
export function generateHistory(dir: string, commits: number, files = 250): string[] {
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", dir]);
  const parts: string[] = [];
  const start = 1_700_000_000;
  for (let i = 1; i <= commits; i++) {
    const body = [
      `// module ${i % files}, revision ${i}`,
      `export const revision${i % files} = ${i};`,
      `export function compute${i % files}(input: number): number {`,
      `  return input * ${(i * 7919) % 1000} + ${i};`,
      "}",
      "",
    ].join("\n");
    const message = `change ${i}\n`;
    const stamp = `${BENCH_AUTHOR.name} <${BENCH_AUTHOR.email}> ${start + i * 60} +0000`;
    parts.push(
      "commit refs/heads/main",
      `mark :${i}`,
      `author ${stamp}`,
      `committer ${stamp}`,
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 100644 inline src/module-${i % files}.ts`,
      `data ${Buffer.byteLength(body)}`,
      body,
    );
  }
  const marks = join(dir, "bench-marks");
  const result = spawnSync("git", ["-C", dir, "fast-import", "--quiet", `--export-marks=${marks}`], {
    input: `${parts.join("\n")}\n`,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr.toString()}`);
  const ids = new Map<number, string>();
  for (const line of readFileSync(marks, "utf8").split("\n")) {
    const [mark, oid] = line.split(" ");
    if (mark && oid) ids.set(Number(mark.slice(1)), oid);
  }
  return Array.from({ length: commits }, (_, index) => ids.get(index + 1) ?? "");
}
