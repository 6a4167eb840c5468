import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { renderMail } from "../mail/render-mail.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor } from "../scope.ts";
import { emailSchema } from "../users/user-input.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";
import { type AssignmentSummary, toSummary } from "./assignment-view.ts";
import { linkUrl, newLinkToken } from "./link-token.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";
import { ensureBuiltInTemplates } from "./questionnaire-templates.ts";

const sendSchema = z.object({
  engagementId: z.string().uuid(),
  /** A template id; without it the built-in IP-handling questionnaire. */
  templateId: z.string().uuid().optional(),
  dueOn: isoDate.nullish(),
  recipient: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("contact"), userId: z.string().uuid() }),
    z.object({
      kind: z.literal("link"),
      label: z.string().trim().min(1).max(200).default("link recipient"),
      /** Where to mail the link (the label, when it is an address, otherwise). */
      email: emailSchema.optional(),
      validDays: z.number().int().min(1).max(90).optional(),
    }),
  ]),
  reassessDays: z.number().int().min(1).max(3650).optional(),
});

export interface SentQuestionnaire {
  assignment: AssignmentSummary;
  /** Only for link recipients, and only now: the token is not stored and cannot be shown again. */
  link?: { token: string; url: string; expiresAt: string };
}

/**
 * Sends a questionnaire for an engagement, either to a vendor contact account of the engagement's
 * vendor or as a single-use link that works until it is submitted or expires.
 *
 * @example
 * const { link } = await sendQuestionnaire(ctx, { engagementId, recipient: { kind: "link", label: "cto@vendor.example" } });
 * // link.url → https://warden.example/answer#<token>
 */
export async function sendQuestionnaire(ctx: ServiceContext, input: unknown): Promise<SentQuestionnaire> {
  requirePermission(ctx, "questionnaires.write", "send questionnaires");
  const data = parseInput(sendSchema, input);
  const settings = await readQuestionnaireSettings(ctx.runtime.db);
  await ensureBuiltInTemplates(ctx.runtime.db);
  return writeTransaction(ctx, async (tx, audit) => {
    const engagement = await loadEngagementFor(ctx, data.engagementId, tx);
    let template = tx.selectFrom("questionnaire_templates").select(["id", "title"]);
    template = data.templateId
      ? template.where("id", "=", data.templateId)
      : template.where("key", "=", "ip-handling").where("built_in", "=", true).orderBy("created_at", "desc");
    const chosen = await template.executeTakeFirst();
    if (!chosen) {
      throw new WardenError("invalid_input", `No questionnaire template with id ${data.templateId}.`, {
        field: "templateId",
      });
    }
    let recipientLabel: string;
    let recipientUserId: string | null = null;
    let link: { token: string; sha256: string; expiresAt: Date } | null = null;
    if (data.recipient.kind === "contact") {
      const user = await tx
        .selectFrom("users")
        .select(["id", "email", "role", "vendor_id", "disabled_at"])
        .where("id", "=", data.recipient.userId)
        .executeTakeFirst();
      if (user?.role !== "vendor" || user.vendor_id !== engagement.vendor_id || user.disabled_at) {
        throw new WardenError(
          "invalid_input",
          "The recipient must be an active vendor contact account of this engagement's vendor; send a link instead if the vendor has none.",
          { field: "recipient.userId" },
        );
      }
      recipientLabel = user.email;
      recipientUserId = user.id;
    } else {
      const days = data.recipient.validDays ?? settings.linkValidDays;
      link = {
        ...newLinkToken(),
        expiresAt: new Date(ctx.runtime.now().getTime() + days * 86_400_000),
      };
      recipientLabel = data.recipient.label;
    }
    const row = await tx
      .insertInto("questionnaire_assignments")
      .values({
        engagement_id: engagement.id,
        vendor_id: engagement.vendor_id,
        template_id: chosen.id,
        recipient_kind: data.recipient.kind,
        recipient_user_id: recipientUserId,
        recipient_label: recipientLabel,
        link_token_sha256: link?.sha256 ?? null,
        link_expires_at: link?.expiresAt ?? null,
        due_on: data.dueOn ?? null,
        reassess_days: data.reassessDays ?? settings.reassessmentDays,
        sent_by: ctx.actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const mailTo =
      data.recipient.kind === "contact"
        ? recipientLabel
        : (data.recipient.email ?? emailSchema.safeParse(data.recipient.label).data ?? null);
    if (mailTo) {
      const url = link
        ? linkUrl(ctx.runtime.config.publicUrl, link.token)
        : `${ctx.runtime.config.publicUrl}/portal/questionnaires/${row.id}`;
      await queueMail(ctx.runtime, tx, {
        kind: "questionnaire",
        to: mailTo,
        userId: recipientUserId,
        mail: renderMail(`Questionnaire to answer: ${chosen.title}`, [
          `${ctx.actor.label} asks you to answer the questionnaire "${chosen.title}" for ${engagement.name}.`,
          ...(data.dueOn ? [`It is due on ${data.dueOn}.`] : []),
          { link: url, label: "Answer the questionnaire" },
          ...(link
            ? [
                `The link works until ${link.expiresAt.toISOString().slice(0, 10)} and only for you: do not forward it.`,
              ]
            : []),
        ]),
      });
    }
    await audit({
      action: "questionnaire.send",
      targetType: "questionnaire_assignment",
      targetId: row.id,
      summary: {
        engagementId: engagement.id,
        template: chosen.title,
        recipient: data.recipient.kind,
        recipientLabel,
        linkExpiresAt: link?.expiresAt.toISOString() ?? null,
        mailedTo: mailTo,
      },
    });
    return {
      assignment: toSummary(row, chosen.title),
      ...(link
        ? {
            link: {
              token: link.token,
              url: linkUrl(ctx.runtime.config.publicUrl, link.token),
              expiresAt: link.expiresAt.toISOString(),
            },
          }
        : {}),
    };
  });
}
