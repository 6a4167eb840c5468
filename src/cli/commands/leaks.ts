import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { buffer } from "node:stream/consumers";
import type { Command } from "commander";
import { WardenError } from "../../domain/errors.ts";
import {
  indexFolder,
  type LeakReport,
  languageFromPath,
  listFilesForTrace,
  type ProgramVerdict,
  readDocument,
  recipientFolder,
  SHARE_MANIFEST,
  type ShareRow,
  shareFile,
  traceLeak,
  traceProgram,
} from "../../engines/leaks/index.ts";
import { readDistributionCopy } from "../../services/leaks/read-copy.ts";
import { isRepositoryUrl, readGitSuspect } from "../../services/leaks/read-git-suspect.ts";
import { readSuspect, type SuspectText } from "../../services/leaks/read-suspect.ts";
import { shareDocument } from "../../services/leaks/share-document.ts";
import { traceRecorded } from "../../services/leaks/trace-recorded.ts";
import type { TraceReport } from "../../services/leaks/trace-report.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

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
  if (result.payload !== undefined && result.recipient !== undefined) {
    lines.push(
      `  recipient: ${result.recipient} (payload ${result.payload}, confidence ${result.recipientConfidence.toFixed(6)})`,
    );
  } else if (result.payload !== undefined) {
    lines.push(
      `  mark found, payload ${result.payload}, not recorded in this Warden (confidence ${result.recipientConfidence.toFixed(6)})`,
    );
  }
  if (!result.source && result.payload === undefined) lines.push("  no source and no mark found");
  for (const match of result.matches.slice(1, 4))
    lines.push(`  also:      ${match.source} (score ${match.score.toFixed(2)})`);
  for (const e of result.evidence) lines.push(`  evidence:  ${e.detail}`);
  return `${lines.join("\n")}\n`;
}

/** The program verdict with its best program's file pairs, for --json. */
function programJson(verdict: ProgramVerdict) {
  return {
    source: verdict.program ?? null,
    confidence: verdict.confidence,
    matches: verdict.matches.slice(0, 5).map((m) => ({
      program: m.program,
      coverage: m.coverage,
      evidentPairs: m.evidentPairs,
      suspectFiles: m.suspectFiles,
      chance: m.chance,
      pairs: m.pairs,
    })),
  };
}

function describeProgram(verdict: ProgramVerdict): string {
  const best = verdict.matches[0];
  const lines = ["program"];
  if (verdict.program && best) {
    lines.push(
      `  source:    ${verdict.program} (confidence ${verdict.confidence.toFixed(6)}; ${best.evidentPairs} of ${best.suspectFiles} files pair with its files, ${Math.round(best.coverage * 100)} % of the suspect explained)`,
    );
    for (const p of best.pairs.slice(0, 20))
      lines.push(
        `  pair:      ${p.suspect} ~ ${p.source} (score ${p.score.toFixed(2)}, ${p.regions.length} region(s))`,
      );
  } else {
    lines.push(
      best
        ? `  no program named (best ${best.program}: ${best.evidentPairs} of ${best.suspectFiles} files pair, chance ${best.chance.toExponential(1)})`
        : "  no program named",
    );
  }
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
      "Write one watermarked copy of a file or folder per recipient (text, Markdown, source code, DOCX, PDF); with --engagement, record the distribution",
    )
    .argument("<file>", "the file or folder to share (with --engagement: a file, or a ZIP of source files)")
    .requiredOption(
      "--to <recipient...>",
      "who receives a copy (one or more; with --engagement: person ids or emails on the vendor's roster)",
    )
    .option("--out <dir>", "folder to write the copies to, one sub-folder per recipient")
    .option("--engagement <id>", "record the distribution for this engagement in the database")
    .option("--title <title>", "what the distribution is called (with --engagement)")
    .option("--json", "print the copies as JSON")
    .action(
      runAction(
        async (
          file: string,
          options: { to: string[]; out?: string; engagement?: string; title?: string; json?: boolean },
        ) => {
          if (options.engagement) return shareRecorded(file, options);
          if (!options.out) {
            throw new WardenError(
              "invalid_input",
              "Give --out <dir> to write the copies, or --engagement <id> to record the distribution in Warden.",
            );
          }
          const out = options.out;
          const rows = await shareFile({ path: file, recipients: options.to, outDir: out });
          await updateManifest(out, file, rows);
          if (options.json) printJson({ shares: rows });
          else
            for (const r of rows)
              process.stdout.write(`${r.recipient}\tpayload ${r.payload}\t${r.outPath}\n`);
          return undefined;
        },
      ),
    );

  program
    .command("trace")
    .description(
      "Trace a suspect file, folder, archive, git repository or paste (-) to its source program and to the recipient whose copy leaked",
    )
    .argument(
      "<suspect>",
      "a file, a folder, a ZIP or tar archive, a git URL (https, ssh, file), or - to read standard input",
    )
    .option(
      "--against <dir>",
      "folder of originals or shared copies to trace against, without the database (default: everything recorded)",
    )
    .option("--min-score <n>", "lowest fingerprint score reported, 0..1", Number.parseFloat)
    .option("--json", "print the report as JSON")
    .action(
      runAction(async (suspect: string, options: { against?: string; minScore?: number; json?: boolean }) => {
        if (options.minScore !== undefined && !(options.minScore >= 0 && options.minScore <= 1)) {
          throw new WardenError("invalid_input", "--min-score must be a number from 0 to 1.");
        }
        if (!options.against) return traceAgainstRecords(suspect, options);
        const { index, recipients, skipped } = await indexFolder(options.against);
        const { suspects } = await readSuspects(suspect);
        const results: SuspectResult[] = [];
        for (const { name, text, metadata } of suspects) {
          const report = traceLeak(
            { text, metadata, name, language: name === "pasted text" ? undefined : languageFromPath(name) },
            {
              index,
              recipientOf: (p) => recipients.get(p),
              payloadsOf: () => [...recipients.keys()],
              minScore: options.minScore,
            },
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
        // A folder is judged as one program too: files too disguised to name a source alone agree.
        const program = suspects.length > 1 ? traceProgram(suspects, index) : undefined;
        if (options.json) {
          printJson({
            against: options.against,
            indexed: index.size,
            skipped,
            ...(program ? { program: programJson(program) } : {}),
            matches,
            suspects: results,
          });
        } else {
          if (program) process.stdout.write(describeProgram(program));
          for (const r of results) process.stdout.write(describe(r));
          if (skipped.length)
            process.stderr.write(`warden: ${skipped.length} file(s) under --against could not be read\n`);
        }
        return undefined;
      }),
    );
}

/** `warden share --engagement`: the product's distribution, its copies optionally written out too. */
async function shareRecorded(
  file: string,
  options: { to: string[]; out?: string; engagement?: string; title?: string; json?: boolean },
): Promise<undefined> {
  const info = await stat(file).catch(() => {
    throw new WardenError("not_found", `${file} does not exist.`);
  });
  if (info.isDirectory()) {
    throw new WardenError(
      "unsupported",
      "A recorded distribution shares one file: put a folder of source files in a ZIP archive first.",
    );
  }
  const bytes = await readFile(file);
  const view = await withRuntime(async (ctx) => {
    const shared = await shareDocument(
      ctx,
      {
        engagementId: options.engagement,
        recipients: options.to,
        ...(options.title ? { title: options.title } : {}),
      },
      { bytes, filename: basename(file) },
    );
    const written: Record<number, string> = {};
    if (options.out) {
      for (const copy of shared.copies) {
        const target = join(options.out, recipientFolder(copy.recipient), shared.filename);
        const { stream } = await readDistributionCopy(ctx, shared.id, copy.payload);
        await mkdir(join(options.out, recipientFolder(copy.recipient)), { recursive: true });
        await writeFile(target, await buffer(stream));
        written[copy.payload] = target;
      }
    }
    return { ...shared, copies: shared.copies.map((c) => ({ ...c, outPath: written[c.payload] ?? null })) };
  });
  if (options.json) printJson({ distribution: view });
  else {
    process.stdout.write(`distribution ${view.id} (${view.title})\n`);
    for (const c of view.copies)
      process.stdout.write(`${c.recipient}\tpayload ${c.payload}${c.outPath ? `\t${c.outPath}` : ""}\n`);
  }
  return undefined;
}

/** Reads a suspect path (file, ZIP archive or folder) or standard input into texts to trace. */
async function readSuspects(suspect: string): Promise<{ suspects: SuspectText[]; skipped: string[] }> {
  if (isRepositoryUrl(suspect)) {
    // The operator's own command: a local repository (file://) may be traced as well as a remote one.
    const read = await readGitSuspect(suspect, { allowFile: true });
    return { suspects: read.suspects, skipped: read.skipped.map((s) => s.name) };
  }
  if (suspect === "-")
    return { ...(await readSuspect({ text: (await readStdin()).toString("utf8") })), skipped: [] };
  const info = await stat(suspect).catch(() => {
    throw new WardenError("not_found", `${suspect} does not exist.`);
  });
  if (!info.isDirectory()) {
    const read = await readSuspect({ file: { bytes: await readFile(suspect), filename: suspect } });
    return { suspects: read.suspects, skipped: read.skipped.map((s) => s.name) };
  }
  const suspects: SuspectText[] = [];
  const skipped: string[] = [];
  for (const path of await listFilesForTrace(suspect)) {
    try {
      const { text, metadata } = await readDocument(path, await readFile(path));
      suspects.push({ name: path, text, metadata });
    } catch {
      skipped.push(path);
    }
  }
  return { suspects, skipped };
}

/** `warden trace <suspect>` without --against: traces against every distribution and index recorded. */
async function traceAgainstRecords(
  suspect: string,
  options: { minScore?: number; json?: boolean },
): Promise<undefined> {
  const { suspects, skipped } = await readSuspects(suspect);
  const report: TraceReport = await withRuntime((ctx) =>
    traceRecorded(ctx, suspects, options.minScore !== undefined ? { minScore: options.minScore } : {}),
  );
  const matches = report.suspects
    .flatMap((s) =>
      s.matches.map((m) => ({
        suspect: s.name,
        source: m.title ? `${m.title} (${m.path})` : m.path,
        sourceKind: m.kind,
        sourceRef: m.ref,
        engagementId: m.engagementId,
        score: m.score,
        ...(s.recipient ? { payload: s.recipient.payload, recipient: s.recipient.label } : {}),
        regions: m.regions,
      })),
    )
    .sort((a, b) => b.score - a.score);
  if (options.json) {
    printJson({
      verdict: report.verdict,
      summary: report.summary,
      recipient: report.recipient ?? null,
      source: report.source ?? null,
      matches,
      suspects: report.suspects.map(({ text: _text, ...rest }) => rest),
      skipped,
    });
  } else {
    process.stdout.write(`${report.summary}\n`);
    for (const s of report.suspects) {
      for (const e of s.evidence) process.stdout.write(`  ${s.name}: ${e.detail}\n`);
    }
    if (skipped.length) process.stderr.write(`warden: ${skipped.length} suspect file(s) could not be read\n`);
  }
  return undefined;
}
