import type { Questionnaire } from "../../engines/questionnaire/index.ts";
import type { Runtime, ServiceContext, Tx } from "../context.ts";
import type { HandOffView } from "./assignment-view.ts";
import type { RespondentAccess } from "./respondent-access.ts";

/** The ids of one section's questions (empty for a section the definition does not have). */
export function questionsOfSection(definition: Questionnaire, sectionId: string): Set<string> {
  const section = definition.sections.find((s) => s.id === sectionId);
  return new Set(section?.questions.map((q) => q.id) ?? []);
}

/** The definition cut down to one section: all that a section link may read. */
export function onlySection(
  definition: Questionnaire,
  sectionId: string,
): { definition: Questionnaire; title: string } {
  const sections = definition.sections.filter((s) => s.id === sectionId);
  return { definition: { ...definition, sections }, title: sections[0]?.title ?? sectionId };
}

/** The incoming answers, except for the questions in `keep`, which stay as stored. */
export function mergeAnswers(
  stored: Record<string, unknown>,
  incoming: Record<string, unknown>,
  keep: ReadonlySet<string>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [q, v] of Object.entries(incoming)) if (!keep.has(q)) merged[q] = v;
  for (const [q, v] of Object.entries(stored)) if (keep.has(q)) merged[q] = v;
  return merged;
}

/**
 * The questions whose stored answers a save must keep: for a section link, every question outside
 * its section; for the main respondent, the questions of sections handed to a colleague right now
 * (so a stale form does not overwrite what the colleague saved).
 */
export async function keptFromStored(
  tx: Tx,
  access: RespondentAccess,
  definition: Questionnaire,
): Promise<Set<string>> {
  if (access.section) {
    const mine = questionsOfSection(definition, access.section.sectionId);
    return new Set(
      definition.sections.flatMap((s) => s.questions.map((q) => q.id)).filter((q) => !mine.has(q)),
    );
  }
  const live = await tx
    .selectFrom("questionnaire_section_links")
    .select("section_id")
    .where("assignment_id", "=", access.row.id)
    .where("ended_at", "is", null)
    .where("expires_at", ">", access.ctx.runtime.now())
    .execute();
  return new Set(live.flatMap((l) => [...questionsOfSection(definition, l.section_id)]));
}

/** The sections handed to colleagues, newest first, with what became of each link. */
export async function listHandOffs(runtime: Runtime, assignmentId: string): Promise<HandOffView[]> {
  const rows = await runtime.db
    .selectFrom("questionnaire_section_links")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  const now = runtime.now().getTime();
  return rows.map((r) => toHandOffView(r, now));
}

export function toHandOffView(
  r: {
    id: string;
    section_id: string;
    recipient_label: string;
    expires_at: Date;
    end_reason: "taken_back" | "submitted" | "expired" | "revoked" | null;
    created_at: Date | string;
  },
  now: number,
): HandOffView {
  const expiresAt = new Date(r.expires_at);
  return {
    id: r.id,
    section: r.section_id,
    recipient: r.recipient_label,
    expiresAt: expiresAt.toISOString(),
    state: r.end_reason ?? (expiresAt.getTime() <= now ? "expired" : "active"),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Ends every section link of a questionnaire still open (on submission): returns how many. */
export async function endSectionLinks(
  tx: Tx,
  assignmentId: string,
  reason: "submitted",
  ctx: ServiceContext,
): Promise<number> {
  const ended = await tx
    .updateTable("questionnaire_section_links")
    .set({ ended_at: ctx.runtime.now(), end_reason: reason, ended_by: ctx.actor.label })
    .where("assignment_id", "=", assignmentId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

/**
 * Ends the live section links a user handed out (their issuer is disabled, or its vendor
 * deleted): a link never outlives the person who answers for it. Returns how many.
 */
export async function endSectionLinksOfIssuer(tx: Tx, userId: string, ctx: ServiceContext): Promise<number> {
  const ended = await tx
    .updateTable("questionnaire_section_links")
    .set({ ended_at: ctx.runtime.now(), end_reason: "revoked", ended_by: ctx.actor.label })
    .where("created_by_user_id", "=", userId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}
