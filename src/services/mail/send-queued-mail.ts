import { WardenError } from "../../domain/errors.ts";
import type { Runtime } from "../context.ts";
import { createMailTransport, type MailReceipt, sendThrough } from "./mail-transport.ts";

/** How many times a message is tried before it is marked failed (the job queue retries it with back-off). */
export const MAIL_ATTEMPTS = 8;

export type SendOutcome =
  | { status: "sent"; receipt: MailReceipt }
  | { status: "not_configured" }
  | { status: "skipped" };

/**
 * Sends one queued message and records the outcome on it: sent (with the server's
 * message id and answer), not sent because no SMTP server is configured, or the error
 * (then it throws, so that the job queue tries again later; the last attempt marks it failed).
 */
export async function sendQueuedMail(runtime: Runtime, messageId: string): Promise<SendOutcome> {
  const message = await runtime.db
    .selectFrom("mail_messages")
    .selectAll()
    .where("id", "=", messageId)
    .executeTakeFirst();
  if (message?.status !== "queued") return { status: "skipped" };
  // Claim this attempt: a second job for the same message finds the count moved and stops.
  const claimed = await runtime.db
    .updateTable("mail_messages")
    .set({ attempts: message.attempts + 1, updated_at: runtime.now() })
    .where("id", "=", messageId)
    .where("status", "=", "queued")
    .where("attempts", "=", message.attempts)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return { status: "skipped" };
  const transport = createMailTransport(runtime.config);
  if (!transport) {
    await runtime.db
      .updateTable("mail_messages")
      .set({
        status: "not_configured",
        error: "Not sent: no SMTP server is configured (WARDEN_SMTP_URL).",
        updated_at: runtime.now(),
      })
      .where("id", "=", messageId)
      .execute();
    return { status: "not_configured" };
  }
  try {
    const receipt = await sendThrough(transport, runtime.config.mailFrom, {
      to: message.recipient,
      subject: message.subject,
      text: runtime.secrets.open(message.text_body),
      html: runtime.secrets.open(message.html_body),
    });
    await runtime.db
      .updateTable("mail_messages")
      .set({
        status: "sent",
        message_id: receipt.messageId,
        server_response: receipt.response.slice(0, 1000),
        error: null,
        sent_at: runtime.now(),
        updated_at: runtime.now(),
      })
      .where("id", "=", messageId)
      .execute();
    return { status: "sent", receipt };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const last = message.attempts + 1 >= MAIL_ATTEMPTS;
    await runtime.db
      .updateTable("mail_messages")
      .set({ status: last ? "failed" : "queued", error: text.slice(0, 1000), updated_at: runtime.now() })
      .where("id", "=", messageId)
      .execute();
    throw new WardenError("unavailable", `Mail to ${message.recipient} was not sent: ${text}`);
  } finally {
    transport.close();
  }
}
