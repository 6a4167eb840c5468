import { statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { WardenError } from "../../domain/errors.ts";
import type { FolderScan } from "../../engines/custody/index.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";
import { inputFileSchemas, readInputFile } from "./verify.ts";

interface ScanOptions {
  json?: boolean;
  sarif?: string;
  allowlist?: string;
  policy?: string;
  threads?: string;
}

/** The folder to scan, refused with a clear message when it is not one. */
function folder(path: string): string {
  const root = resolve(path);
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory)
    throw new WardenError("invalid_input", `${path} is not a folder: give the folder to scan.`);
  return root;
}

function threads(value: string | undefined): number {
  const n = Number(value ?? "1");
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new WardenError("invalid_input", `--threads must be a whole number from 1 to 64, got '${value}'.`);
  }
  return n;
}

/**
 * Prints a scan as `--json`, as SARIF to a file, or as one line per finding, and answers the exit
 * code: 1 when anything was found (as gitleaks does), so that a script or CI step can stop on it.
 */
async function report(scan: FolderScan, root: string, opts: ScanOptions, what: string): Promise<number> {
  if (opts.sarif) {
    const { sarifLog } = await import("../../engines/custody/index.ts");
    writeFileSync(opts.sarif, `${JSON.stringify(sarifLog(scan.findings), null, 2)}\n`);
  }
  if (opts.json) printJson({ root, ...scan });
  else {
    for (const f of scan.findings) {
      const at = [f.file, f.line, f.column].filter((part) => part !== undefined).join(":");
      process.stdout.write(`${f.severity === "error" ? "✗" : "!"} ${at}  ${f.rule}  ${f.message}\n`);
    }
    process.stdout.write(
      `${scan.findings.length === 0 ? `No ${what} found` : `${scan.findings.length} finding(s)`} in ${scan.filesScanned} files (${scan.filesSkipped} skipped: binary or over 1 MiB) in ${scan.durationMs} ms.\n`,
    );
  }
  if (scan.truncated) {
    process.stderr.write("warden: the scan stopped at its time limit; files after it were not read.\n");
    return EXIT.checkFailed;
  }
  return scan.findings.length > 0 ? EXIT.checkFailed : EXIT.ok;
}

/** `warden scan secrets|licences <folder>`: the custody engine's scanners on any folder. */
export function registerScanCommands(program: Command): void {
  const scan = program.command("scan").description("Scan any folder with the custody engine's scanners");
  scan
    .command("secrets")
    .description("Find secrets (keys, tokens, passwords) in a folder's files; exit 1 when any is found")
    .argument("<folder>", "the folder to scan (.git is skipped, symlinks are not followed)")
    .option("--json", "print the findings as JSON")
    .option("--sarif <file>", "also write the findings as SARIF 2.1.0")
    .option("--allowlist <file>", "JSON or YAML secret allowlist {paths, rules, fingerprints}")
    .option("--threads <n>", "worker threads", "1")
    .action(
      runAction(async (path: string, opts: ScanOptions) => {
        const root = folder(path);
        const workers = threads(opts.threads);
        const { allowlistSchema } = await inputFileSchemas();
        const allowlist = opts.allowlist
          ? await readInputFile(opts.allowlist, allowlistSchema, "allowlist")
          : undefined;
        const { scanFolderSecrets } = await import("../../engines/custody/index.ts");
        const result = await scanFolderSecrets(root, { workers, ...(allowlist ? { allowlist } : {}) });
        return report(result, root, opts, "secrets");
      }),
    );
  scan
    .command("licences")
    .description("Find licences a policy refuses or flags in a folder's files; exit 1 when any is found")
    .argument("<folder>", "the folder to scan")
    .option("--json", "print the findings as JSON")
    .option("--sarif <file>", "also write the findings as SARIF 2.1.0")
    .option("--policy <file>", "JSON or YAML licence policy {deny, warn} of SPDX ids (prefix*)")
    .action(
      runAction(async (path: string, opts: ScanOptions) => {
        const root = folder(path);
        const { policySchema } = await inputFileSchemas();
        const policy = opts.policy
          ? await readInputFile(opts.policy, policySchema, "licence policy")
          : undefined;
        const { scanFolderLicences } = await import("../../engines/custody/index.ts");
        return report(scanFolderLicences(root, policy), root, opts, "refused or flagged licences");
      }),
    );
}
