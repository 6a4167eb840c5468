import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { parseQuestionnaire } from "../../engines/questionnaire/index.ts";
import { type Runtime, requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { writeTransaction } from "../write.ts";
import { readForRespondent } from "./answer-questionnaire.ts";
import type { HandOffView, RespondentView } from "./assignment-view.ts";
import { linkUrl, newLinkToken } from "./link-token.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";
import { loadForRespondent, type Respondent, type RespondentAccess } from "./respondent-access.ts";
import { toHandOffView } from "./section-links.ts";

const handOffSchema = z.object({
  section: z.string().min(1).max(64),
  /** Who the colleague is (a name or an address), shown to the main respondent and in the audit log. */
  recipient: z.string().trim().min(1).max(200),
  validDays: z.number().int().min(1).max(90).optional(),
});

const takeBackSchema = z.object({ handOffId: z.string().uuid("must be an id (a UUID)") });

export interface HandedOffSection {
  handOff: HandOffView;
  /** The colleague's link, returned only now: the token is not stored and cannot be shown again. */
  link: { token: string; url: string; expiresAt: string };
}

function requireMainRespondent(access: RespondentAccess, what: string): void {
  if (access.section) {
    throw new WardenError(
      "forbidden",
      `Only ${access.section.handedOffBy} can ${what}: a section link answers its own section.`,
    );
  }
}

/**
 * The respondent (the questionnaire's link holder or its vendor contact) hands one section to a
 * colleague: Warden issues a single-use link that reads and answers only that section (drafts and
 * files), and ends when the section is taken back, when the questionnaire is submitted, or when it
 * expires (never later than the respondent's own link). One colleague per section at a time.
 *
 * @example
 * const { link } = await handOffSection(runtime, { kind: "link", token }, { section: "people", recipient: "hr@vendor.example" });
 * // link.url → https://warden.example/answer#<section token>
 */
export async function handOffSection(
  runtime: Runtime,
  respondent: Respondent,
  input: unknown,
): Promise<HandedOffSection> {
  const access = await loadForRespondent(runtime, respondent, { forWriting: true });
  const data = parseInput(handOffSchema, input);
  const settings = await readQuestionnaireSettings(runtime.db);
  requireMainRespondent(access, "hand a section to a colleague");
  return writeTransaction(access.ctx, async (tx, audit) => {
    const { row } = await loadForRespondent(runtime, respondent, { forWriting: true, tx });
    const template = await tx
      .selectFrom("questionnaire_templates")
      .select("definition")
      .where("id", "=", row.template_id)
      .executeTakeFirstOrThrow();
    const section = parseQuestionnaire(template.definition).sections.find((s) => s.id === data.section);
    if (!section) {
      throw new WardenError("invalid_input", `No section ${data.section} in this questionnaire.`, {
        field: "section",
      });
    }
    const now = runtime.now();
    await tx
      .updateTable("questionnaire_section_links")
      .set({ ended_at: now, end_reason: "expired", ended_by: "system" })
      .where("assignment_id", "=", row.id)
      .where("section_id", "=", section.id)
      .where("ended_at", "is", null)
      .where("expires_at", "<=", now)
      .execute();
    const live = await tx
      .selectFrom("questionnaire_section_links")
      .select("recipient_label")
      .where("assignment_id", "=", row.id)
      .where("section_id", "=", section.id)
      .where("ended_at", "is", null)
      .executeTakeFirst();
    if (live) {
      throw new WardenError(
        "conflict",
        `Section “${section.title}” is already handed to ${live.recipient_label}: take it back first.`,
      );
    }
    let expiresAt = new Date(now.getTime() + (data.validDays ?? settings.linkValidDays) * 86_400_000);
    if (row.link_expires_at && new Date(row.link_expires_at) < expiresAt) {
      expiresAt = new Date(row.link_expires_at);
    }
    const token = newLinkToken();
    const created = await tx
      .insertInto("questionnaire_section_links")
      .values({
        assignment_id: row.id,
        section_id: section.id,
        recipient_label: data.recipient,
        token_sha256: token.sha256,
        expires_at: expiresAt,
        created_by: access.ctx.actor.label,
        created_by_user_id: access.ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "questionnaire.section.hand-off",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: {
        handOffId: created.id,
        section: section.id,
        recipient: data.recipient,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return {
      handOff: toHandOffView(created, now.getTime()),
      link: {
        token: token.token,
        url: linkUrl(runtime.config.publicUrl, token.token),
        expiresAt: expiresAt.toISOString(),
      },
    };
  });
}

/**
 * Takes a handed-off section back: its link stops working at once; what the colleague saved stays
 * in the answers, for the respondent to keep or change.
 */
export async function takeBackSection(
  runtime: Runtime,
  respondent: Respondent,
  input: unknown,
): Promise<RespondentView> {
  const access = await loadForRespondent(runtime, respondent, { forWriting: true });
  const { handOffId: id } = parseInput(takeBackSchema, input);
  requireMainRespondent(access, "take a section back");
  await writeTransaction(access.ctx, async (tx, audit) => {
    const { row } = await loadForRespondent(runtime, respondent, { forWriting: true, tx });
    const handOff = await tx
      .selectFrom("questionnaire_section_links")
      .select(["id", "section_id", "recipient_label", "ended_at"])
      .where("id", "=", id)
      .where("assignment_id", "=", row.id)
      .forUpdate()
      .executeTakeFirst();
    if (!handOff)
      throw new WardenError("not_found", `No section hand-off with id ${id} on this questionnaire.`);
    if (handOff.ended_at) {
      throw new WardenError("conflict", `The link for section ${handOff.section_id} has already ended.`);
    }
    await tx
      .updateTable("questionnaire_section_links")
      .set({ ended_at: runtime.now(), end_reason: "taken_back", ended_by: access.ctx.actor.label })
      .where("id", "=", id)
      .execute();
    await audit({
      action: "questionnaire.section.take-back",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: { handOffId: id, section: handOff.section_id, recipient: handOff.recipient_label },
    });
  });
  return readForRespondent(runtime, respondent);
}

/**
 * Internal staff revoke a section link (a colleague who should no longer answer, a link sent to
 * the wrong person): it stops working at once, like a take-back, and shows as revoked.
 */
export async function revokeSectionLink(ctx: ServiceContext, handOffId: unknown): Promise<HandOffView> {
  requirePermission(ctx, "questionnaires.write", "revoke section links");
  const id = parseId(handOffId);
  return writeTransaction(ctx, async (tx, audit) => {
    const handOff = await tx
      .selectFrom("questionnaire_section_links")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!handOff) throw new WardenError("not_found", `No section hand-off with id ${id}.`);
    if (handOff.ended_at)
      throw new WardenError("conflict", `The link for section ${handOff.section_id} has already ended.`);
    const ended = await tx
      .updateTable("questionnaire_section_links")
      .set({ ended_at: ctx.runtime.now(), end_reason: "revoked", ended_by: ctx.actor.label })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "questionnaire.section.revoke",
      targetType: "questionnaire_assignment",
      targetId: handOff.assignment_id,
      summary: { handOffId: id, section: handOff.section_id, recipient: handOff.recipient_label },
    });
    return toHandOffView(ended, ctx.runtime.now().getTime());
  });
}
