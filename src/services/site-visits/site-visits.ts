import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requireInternal, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { readQuestionnaireSettings } from "../questionnaires/questionnaire-settings.ts";
import { loadEngagementFor } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";
import { SITE_VISIT_CHECKLIST } from "./site-visit-checklist.ts";

/** What a visitor found for one checklist item. */
export const CHECKLIST_RESULTS = ["ok", "concern", "na"] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];

const checklistIds = SITE_VISIT_CHECKLIST.map((i) => i.id) as [string, ...string[]];

const visitSchema = z.object({
  visitedOn: isoDate,
  visitors: z.string().trim().min(1).max(300),
  checklist: z
    .array(
      z.object({
        item: z.enum(checklistIds),
        result: z.enum(CHECKLIST_RESULTS),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .max(SITE_VISIT_CHECKLIST.length),
  observations: z.string().max(20_000).default(""),
  /** Evidence (photos, the report) already uploaded to this engagement. */
  photoEvidenceIds: z.array(z.string().uuid()).max(50).default([]),
  /** Completing records the visit and attests DD-3 with it. */
  complete: z.boolean().default(false),
});

export interface SiteVisitView {
  id: string;
  engagementId: string;
  visitedOn: string;
  visitors: string;
  checklist: { item: string; text: string; casualIp: boolean; result: ChecklistResult; note?: string }[];
  observations: string;
  photoEvidenceIds: string[];
  status: "draft" | "completed";
  completedBy: string | null;
  concerns: string[];
}

/** The checklist a visitor fills in. */
export function siteVisitChecklist() {
  return SITE_VISIT_CHECKLIST;
}

/**
 * Records a site visit (DD-3): the checklist with the signs of casual treatment of clients' IP,
 * observations and photos as evidence. A completed visit attests DD-3 in the same transaction,
 * naming every concern, valid for the reassessment interval of the questionnaire settings.
 *
 * @example
 * await recordSiteVisit(ctx, engagementId, { visitedOn: "2026-05-04", visitors: "S. Ng", checklist, complete: true });
 */
export async function recordSiteVisit(
  ctx: ServiceContext,
  engagementId: unknown,
  input: unknown,
): Promise<SiteVisitView> {
  return saveSiteVisit(ctx, { engagementId: parseId(engagementId) }, input);
}

/**
 * Saves a draft visit again with its whole content (checklist, observations, photos), or completes
 * it (`complete: true`), which attests DD-3 as recording a completed visit does. A completed visit
 * is on record and can no longer change.
 */
export async function updateSiteVisit(
  ctx: ServiceContext,
  visitId: unknown,
  input: unknown,
): Promise<SiteVisitView> {
  return saveSiteVisit(ctx, { visitId: parseId(visitId) }, input);
}

async function saveSiteVisit(
  ctx: ServiceContext,
  target: { engagementId: string } | { visitId: string },
  input: unknown,
): Promise<SiteVisitView> {
  requirePermission(ctx, "controls.attest", "record site visits");
  const data = parseInput(visitSchema, input);
  const seen = new Set<string>();
  for (const c of data.checklist) {
    if (seen.has(c.item))
      throw new WardenError("invalid_input", `Checklist item ${c.item} is given twice.`, {
        field: "checklist",
      });
    seen.add(c.item);
  }
  const missing = SITE_VISIT_CHECKLIST.filter((i) => !seen.has(i.id)).map((i) => i.id);
  if (data.complete && missing.length) {
    throw new WardenError(
      "invalid_input",
      `Check every item before completing the visit: ${missing.join(", ")}.`,
      {
        field: "checklist",
      },
    );
  }
  const settings = await readQuestionnaireSettings(ctx.runtime.db);
  return writeTransaction(ctx, async (tx, audit) => {
    let id: string;
    let visitId: string | null = null;
    let engagement: Awaited<ReturnType<typeof loadEngagementFor>>;
    if ("visitId" in target) {
      const existing = await tx
        .selectFrom("site_visits")
        .select(["id", "engagement_id", "status"])
        .where("id", "=", target.visitId)
        .forUpdate()
        .executeTakeFirst();
      if (!existing) throw new WardenError("not_found", `No site visit with id ${target.visitId}.`);
      id = existing.engagement_id;
      visitId = existing.id;
      // Scope first, so a visit of an engagement out of reach is "not found", never "completed".
      engagement = await loadEngagementFor(ctx, id, tx);
      if (existing.status === "completed") {
        throw new WardenError(
          "conflict",
          "This site visit is completed and on record: record a new visit to change what was found.",
        );
      }
    } else {
      id = target.engagementId;
      engagement = await loadEngagementFor(ctx, id, tx);
    }
    if (data.photoEvidenceIds.length) {
      const found = await tx
        .selectFrom("evidence")
        .select("id")
        .where("id", "in", data.photoEvidenceIds)
        .where("engagement_id", "=", id)
        .where("deleted_at", "is", null)
        .execute();
      if (found.length !== new Set(data.photoEvidenceIds).size) {
        throw new WardenError("invalid_input", "Every photo must be evidence uploaded to this engagement.", {
          field: "photoEvidenceIds",
        });
      }
    }
    const checklist = data.checklist.map((c) => {
      const item = SITE_VISIT_CHECKLIST.find((i) => i.id === c.item)!;
      return {
        item: c.item,
        text: item.text,
        casualIp: item.casualIp,
        result: c.result,
        ...(c.note ? { note: c.note } : {}),
      };
    });
    const concerns = checklist
      .filter((c) => c.result === "concern")
      .map(
        (c) =>
          `${c.casualIp ? "Casual treatment of clients' IP: " : ""}${c.text} — not met${c.note ? ` (${c.note})` : ""}`,
      );
    const content = {
      visited_on: data.visitedOn,
      visitors: data.visitors,
      checklist: JSON.stringify(checklist),
      observations: data.observations,
      photo_evidence_ids: JSON.stringify(data.photoEvidenceIds),
      status: data.complete ? ("completed" as const) : ("draft" as const),
      completed_by: data.complete ? ctx.actor.label : null,
      completed_at: data.complete ? ctx.runtime.now() : null,
    };
    const row = visitId
      ? await tx
          .updateTable("site_visits")
          .set({ ...content, updated_at: ctx.runtime.now() })
          .where("id", "=", visitId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto("site_visits")
          .values({
            ...content,
            engagement_id: id,
            vendor_id: engagement.vendor_id,
            created_by: ctx.actor.label,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    if (data.complete) {
      const expires = new Date(
        Date.parse(`${data.visitedOn}T00:00:00Z`) + settings.reassessmentDays * 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
      await tx
        .insertInto("attestations")
        .values({
          engagement_id: id,
          control_id: "DD-3",
          statement: `Site visit on ${data.visitedOn} by ${data.visitors}: ${
            concerns.length
              ? `${concerns.length} concern(s): ${concerns.join("; ")}`
              : "no sign of casual treatment of clients' IP"
          }.`,
          evidence_id: data.photoEvidenceIds[0] ?? null,
          attested_by: ctx.actor.label,
          expires_on: expires,
        })
        .execute();
    }
    await audit({
      action: data.complete ? "site-visit.complete" : visitId ? "site-visit.update" : "site-visit.record",
      targetType: "site_visit",
      targetId: row.id,
      summary: { engagementId: id, visitedOn: data.visitedOn, concerns: concerns.length },
    });
    return toView(row, concerns);
  });
}

/** The site visits of an engagement (internal users). */
export async function listSiteVisits(ctx: ServiceContext, engagementId: unknown): Promise<SiteVisitView[]> {
  requireInternal(ctx);
  const id = parseId(engagementId);
  await loadEngagementFor(ctx, id);
  const rows = await ctx.runtime.db
    .selectFrom("site_visits")
    .selectAll()
    .where("engagement_id", "=", id)
    .orderBy("visited_on", "desc")
    .execute();
  return rows.map((r) =>
    toView(
      r,
      (r.checklist as SiteVisitView["checklist"]).filter((c) => c.result === "concern").map((c) => c.text),
    ),
  );
}

function toView(
  r: {
    id: string;
    engagement_id: string;
    visited_on: string;
    visitors: string;
    checklist: unknown[];
    observations: string;
    photo_evidence_ids: string[];
    status: "draft" | "completed";
    completed_by: string | null;
  },
  concerns: string[],
): SiteVisitView {
  return {
    id: r.id,
    engagementId: r.engagement_id,
    visitedOn: r.visited_on,
    visitors: r.visitors,
    checklist: r.checklist as SiteVisitView["checklist"],
    observations: r.observations,
    photoEvidenceIds: r.photo_evidence_ids,
    status: r.status,
    completedBy: r.completed_by,
    concerns,
  };
}
