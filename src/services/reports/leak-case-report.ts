import { tableBlock } from "../../engines/reports/report-document.ts";
import type { ServiceContext } from "../context.ts";
import { getLeakCase } from "../leaks/leak-cases.ts";
import { type GeneratedReport, recordReport, reportFilename } from "./record-report.ts";

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * A leak case's evidence pack as a PDF: the suspect, the verdict (recipient copy, source or
 * program) with its confidence, each suspect file's best matches and the evidence behind them,
 * the case notes. Read through `getLeakCase` (internal users only); generation is audit-logged.
 */
export async function leakCaseReport(ctx: ServiceContext, caseId: unknown): Promise<GeneratedReport> {
  const c = await getLeakCase(ctx, caseId);
  const r = c.report;
  return recordReport(
    ctx,
    {
      title: `Leak case: ${c.title}`,
      subtitle: `Suspect ${c.suspectName} · ${c.status}`,
      blocks: [
        { kind: "heading", text: "Case" },
        {
          kind: "fields",
          rows: [
            ["Title", c.title],
            ["Status", c.status],
            ["Suspect", c.suspectName],
            ["Opened", `${c.createdAt} by ${c.openedBy}`],
            ["Verdict", r?.verdict ?? "no trace report"],
            ["Summary", c.summary || "—"],
            [
              "Recipient copy",
              r?.recipient
                ? `${r.recipient.label} (copy ${r.recipient.payload} of "${r.recipient.distributionTitle}"), confidence ${pct(r.recipientConfidence)}`
                : "not identified",
            ],
            [
              "Source",
              r?.source
                ? `${r.source.title ?? r.source.ref} — ${r.source.path} (${r.source.kind}), confidence ${pct(r.sourceConfidence)}`
                : "not identified",
            ],
            [
              "Program",
              r?.program
                ? `${r.program.named ? "named" : "best candidate, not named"}: ${r.program.title ?? r.program.ref} (${r.program.kind}), ${r.program.evidentPairs} of ${r.program.suspectFiles} files paired, chance for unrelated code ${r.program.chance.toExponential(2)}`
                : "—",
            ],
          ],
        },
        { kind: "heading", text: "Suspect files" },
        tableBlock(
          [
            ["File", 0.22],
            ["Best match", 0.34],
            ["Score", 0.1],
            ["Mark", 0.34],
          ],
          (r?.suspects ?? []).map((s) => {
            const best = s.matches[0];
            return [
              s.name,
              best ? `${best.title ?? best.ref} — ${best.path}` : "no match",
              best ? pct(best.score) : "—",
              s.recipient
                ? `${s.recipient.label} (copy ${s.recipient.payload}), ${pct(s.recipientConfidence)}`
                : s.payload !== undefined
                  ? `payload ${s.payload}, not a recorded copy`
                  : "none found",
            ];
          }),
          "No suspect file was traced.",
        ),
        ...(r?.program
          ? [
              { kind: "heading" as const, text: "Program pairs" },
              tableBlock(
                [
                  ["Suspect file", 0.4],
                  ["Stored file", 0.45],
                  ["Score", 0.15],
                ],
                r.program.pairs.map((p) => [p.suspect, p.path, pct(p.score)]),
                "No pairs.",
              ),
            ]
          : []),
        { kind: "heading", text: "Skipped" },
        tableBlock(
          [
            ["File", 0.4],
            ["Why", 0.6],
          ],
          (r?.skipped ?? []).map((s) => [s.name, s.reason]),
          "Nothing skipped.",
        ),
        { kind: "heading", text: "Notes" },
        tableBlock(
          [
            ["When", 0.22],
            ["Who", 0.2],
            ["Note", 0.58],
          ],
          c.notes.map((n) => [n.at, n.by, n.text]),
          "No notes.",
        ),
      ],
    },
    {
      kind: "leak-case",
      target: { type: "leak_case", id: c.id },
      filename: reportFilename("leak-case", c.title, c.id),
    },
  );
}
