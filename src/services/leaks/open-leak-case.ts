import { z } from "zod";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { type LeakCaseView, loadLeakCaseView } from "./leak-case-view.ts";
import { leakWatermarkKey } from "./leak-key.ts";
import { readSuspect } from "./read-suspect.ts";
import { traceSuspects } from "./trace-suspects.ts";

const inputSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  /** A pasted suspect, when no file is uploaded. */
  text: z.string().optional(),
  note: z.string().trim().max(4000).optional(),
});

/**
 * Opens a leak case from a suspect (a paste, a file, or a ZIP archive): traces it against
 * every fingerprint, watermark and canary recorded, keeps the suspect as a blob and the
 * report with the case, and names the engagement, copy and recipient the evidence points
 * to. One audited transaction.
 *
 * @example
 * const c = await openLeakCase(ctx, { title: "Paste on a forum", text: pasted });
 * // c.report.recipient?.label: "Dev One <dev1@vendor.example>"
 */
export async function openLeakCase(
  ctx: ServiceContext,
  input: unknown,
  file?: { bytes: Uint8Array; filename: string },
): Promise<LeakCaseView> {
  requirePermission(ctx, "leaks.write", "open leak cases");
  const data = parseInput(inputSchema, input ?? {});
  const { suspects, skipped } = await readSuspect({ text: data.text, file });
  const report = await traceSuspects(ctx.runtime.db, leakWatermarkKey(ctx.runtime), suspects, skipped);
  const suspectName = file?.filename ?? "pasted text";
  const stored = await ctx.runtime.blobs.put(
    file ? Buffer.from(file.bytes) : Buffer.from(data.text ?? "", "utf8"),
  );
  const now = ctx.runtime.now();
  const id = await writeTransaction(ctx, async (tx, audit) => {
    await tx
      .insertInto("blobs")
      .values({
        sha256: stored.sha256,
        size: stored.size,
        media_type: file ? "application/octet-stream" : "text/plain",
      })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    const row = await tx
      .insertInto("leak_cases")
      .values({
        title: data.title ?? `Suspect ${suspectName}`,
        suspect_name: suspectName,
        suspect_sha256: stored.sha256,
        report: JSON.stringify(report),
        engagement_id: report.engagementId,
        distribution_id: report.recipient?.distributionId ?? null,
        copy_payload: report.recipient?.payload ?? null,
        person_id: report.recipient?.personId ?? null,
        confidence: report.recipient ? report.recipientConfidence : report.sourceConfidence,
        notes: JSON.stringify(
          data.note ? [{ at: now.toISOString(), by: ctx.actor.label, text: data.note }] : [],
        ),
        opened_by: ctx.actor.label,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit({
      action: "leaks.case.open",
      targetType: "leak_case",
      targetId: row.id,
      summary: {
        suspect: suspectName,
        sha256: stored.sha256,
        verdict: report.verdict,
        engagementId: report.engagementId,
        payload: report.recipient?.payload ?? null,
        personId: report.recipient?.personId ?? null,
        source: report.source
          ? { kind: report.source.kind, ref: report.source.ref, path: report.source.path }
          : null,
      },
    });
    return row.id;
  });
  return loadLeakCaseView(ctx.runtime.db, id);
}
