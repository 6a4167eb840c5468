import { WardenError } from "../../domain/errors.ts";
import { type Runtime, requirePermission, type ServiceContext } from "../context.ts";
import { parseInput } from "../parse-input.ts";
import { emailSchema } from "../users/user-input.ts";
import { writeTransaction } from "../write.ts";
import { renderMail } from "./render-mail.ts";
import { sendQueuedMail } from "./send-queued-mail.ts";

/**
 * Sends a test message now, not through the queue, and answers what the SMTP server said
 * (or why nothing was sent). The message is in the mail log like any other.
 *
 * @example
 * await sendTestMail(ctx, "ops@example.com"); // → { messageId: "<…@example.com>", response: "250 OK …" }
 */
export async function sendTestMail(
  ctx: ServiceContext,
  address: unknown,
): Promise<{ id: string; messageId: string; response: string }> {
  requirePermission(ctx, "settings.manage", "send a test message");
  const { to } = parseInput(
    emailSchema.transform((to) => ({ to })),
    address,
  );
  const id = await writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .insertInto("mail_messages")
      .values({
        kind: "test",
        recipient: to,
        ...mailColumns(ctx.runtime),
        created_at: ctx.runtime.now(),
        updated_at: ctx.runtime.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit({ action: "mail.test", targetType: "mail_message", targetId: row.id, summary: { to } });
    return row.id;
  });
  try {
    const outcome = await sendQueuedMail(ctx.runtime, id);
    if (outcome.status === "not_configured") {
      throw new WardenError(
        "unavailable",
        "Not sent: no SMTP server is configured. Set WARDEN_SMTP_URL (smtp:// or smtps://) and WARDEN_MAIL_FROM.",
      );
    }
    if (outcome.status !== "sent")
      throw new WardenError("conflict", "The test message was sent by another process.");
    return { id, ...outcome.receipt };
  } finally {
    // A test that failed is not retried: it answered already.
    await ctx.runtime.db
      .updateTable("mail_messages")
      .set({ status: "failed" })
      .where("id", "=", id)
      .where("status", "=", "queued")
      .execute();
  }
}

function mailColumns(runtime: Runtime) {
  const mail = renderMail("Warden test message", [
    "This is a test message from Warden: mail is configured and reaches you.",
    { link: runtime.config.publicUrl, label: "Open Warden" },
  ]);
  return {
    subject: mail.subject,
    text_body: runtime.secrets.seal(mail.text),
    html_body: runtime.secrets.seal(mail.html),
  };
}
