import { readFile, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Command } from "commander";
import { WardenError } from "../../domain/errors.ts";
import {
  indexFolder,
  type LeakReport,
  languageFromPath,
  listFilesForTrace,
  readDocument,
  SHARE_MANIFEST,
  type ShareRow,
  shareFile,
  traceLeak,
} from "../../engines/leaks/index.ts";
import { printJson, runAction } from "../run-action.ts";

const MAX_STDIN_BYTES = 20 * 1024 * 1024;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN_BYTES)
      throw new WardenError("too_large", `Standard input exceeds ${MAX_STDIN_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Adds this run's copies to the manifest beside them, so that a later trace names recipients. */
async function updateManifest(outDir: string, source: string, rows: ShareRow[]): Promise<void> {
  const path = join(outDir, SHARE_MANIFEST);
  const existing = await readFile(path, "utf8")
    .then((text) => (JSON.parse(text) as { shares?: unknown[] }).shares ?? [])
    .catch(() => []);
  const shares = [
    ...existing,
    ...rows.map((r) => ({
      ...r,
      outPath: relative(outDir, r.outPath),
      source,
      sharedAt: new Date().toISOString(),
    })),
  ];
  await writeFile(path, `${JSON.stringify({ shares }, null, 2)}\n`);
}

interface SuspectResult extends LeakReport {
  suspect: string;
}

function describe(result: SuspectResult): string {
  const lines = [`${result.suspect}`];
  if (result.source)
    lines.push(`  source:    ${result.source} (confidence ${result.sourceConfidence.toFixed(2)})`);
  if (result.payload !== undefined) {
    lines.push(
      `  recipient: ${result.recipient ?? "unknown"} (payload ${result.payload}, confidence ${result.recipientConfidence.toFixed(6)})`,
    );
  }
  if (!result.source && result.payload === undefined) lines.push("  no source and no mark found");
  for (const match of result.matches.slice(1, 4))
    lines.push(`  also:      ${match.source} (score ${match.score.toFixed(2)})`);
  for (const e of result.evidence) lines.push(`  evidence:  ${e.detail}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `warden share <file> --to <recipient>… --out <dir>`: one marked copy per recipient.
 * `warden trace <file|dir|-> --against <dir>`: where a suspect came from and whose copy it was.
 */
export function registerLeaksCommands(program: Command): void {
  program
    .command("share")
    .description(
      "Write one watermarked copy of a file or folder per recipient (text, Markdown, source code, DOCX, PDF)",
    )
    .argument("<file>", "the file or folder to share")
    .requiredOption("--to <recipient...>", "who receives a copy (one or more)")
    .requiredOption("--out <dir>", "folder to write the copies to, one sub-folder per recipient")
    .option("--json", "print the copies as JSON")
    .action(
      runAction(async (file: string, options: { to: string[]; out: string; json?: boolean }) => {
        const rows = await shareFile({ path: file, recipients: options.to, outDir: options.out });
        await updateManifest(options.out, file, rows);
        if (options.json) printJson({ shares: rows });
        else
          for (const r of rows) process.stdout.write(`${r.recipient}\tpayload ${r.payload}\t${r.outPath}\n`);
        return undefined;
      }),
    );

  program
    .command("trace")
    .description(
      "Trace a suspect file, folder or paste (-) to its source and to the recipient whose copy leaked",
    )
    .argument("<suspect>", "a file, a folder, or - to read standard input")
    .option("--against <dir>", "folder of originals or shared copies to trace against (required for now)")
    .option("--min-score <n>", "lowest fingerprint score reported, 0..1", Number.parseFloat)
    .option("--json", "print the report as JSON")
    .action(
      runAction(async (suspect: string, options: { against?: string; minScore?: number; json?: boolean }) => {
        if (!options.against) {
          throw new WardenError(
            "invalid_input",
            "trace needs --against <dir>: tracing against recorded distributions is not available yet. Give the folder of originals or of shared copies.",
          );
        }
        if (options.minScore !== undefined && !(options.minScore >= 0 && options.minScore <= 1)) {
          throw new WardenError("invalid_input", "--min-score must be a number from 0 to 1.");
        }
        const { index, recipients, skipped } = await indexFolder(options.against);
        const suspects: { name: string; bytes: Buffer }[] = [];
        if (suspect === "-") suspects.push({ name: "-", bytes: await readStdin() });
        else {
          const info = await stat(suspect).catch(() => {
            throw new WardenError("not_found", `${suspect} does not exist.`);
          });
          const paths = info.isDirectory() ? await listFilesForTrace(suspect) : [suspect];
          for (const path of paths) suspects.push({ name: path, bytes: await readFile(path) });
        }
        const results: SuspectResult[] = [];
        for (const { name, bytes } of suspects) {
          const { text, metadata } = await readDocument(name, bytes);
          const report = traceLeak(
            { text, metadata, name, language: name === "-" ? undefined : languageFromPath(name) },
            { index, recipientOf: (p) => recipients.get(p), minScore: options.minScore },
          );
          results.push({ suspect: name, ...report });
        }
        const matches = results
          .flatMap((r) =>
            r.matches.map((m) => ({
              suspect: r.suspect,
              source: m.source,
              score: m.score,
              ...(r.payload !== undefined
                ? { payload: r.payload, recipient: r.recipient ?? `payload:${r.payload}` }
                : {}),
              regions: m.regions,
            })),
          )
          .sort((a, b) => b.score - a.score);
        if (options.json) {
          printJson({ against: options.against, indexed: index.size, skipped, matches, suspects: results });
        } else {
          for (const r of results) process.stdout.write(describe(r));
          if (skipped.length)
            process.stderr.write(`warden: ${skipped.length} file(s) under --against could not be read\n`);
        }
        return undefined;
      }),
    );
}
