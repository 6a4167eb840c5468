import { sql } from "kysely";
import type { Runtime, Tx } from "../context.ts";
import type { RenderedMail } from "./render-mail.ts";

/** The queue that sends one mail message: `{ messageId }`. */
export const SEND_MAIL_QUEUE = "mail.send";

/** What a message is about (its kind in the mail log). */
export type MailKind =
  | "questionnaire"
  | "reminder"
  | "expiry"
  | "gate_blocked"
  | "delivery_decided"
  | "roster_review"
  | "leak_case"
  | "invitation"
  | "digest"
  | "test";

export interface MailToQueue {
  kind: MailKind;
  to: string;
  userId?: string | null;
  mail: RenderedMail;
  /** A message with the same key is queued once only (a reminder is mailed once per due date). */
  dedupKey?: string;
  eventId?: string;
  /** Held for the recipient's daily digest instead of sent now. */
  digest?: boolean;
}

/**
 * Records a message in the mail log inside the caller's transaction and queues its
 * sending there too: it is sent only if the transaction commits, and a restart loses
 * nothing (the job is in the same database). Returns the message id, or null when a
 * message with the same dedup key was queued before.
 */
export async function queueMail(runtime: Runtime, tx: Tx, message: MailToQueue): Promise<string | null> {
  const row = await tx
    .insertInto("mail_messages")
    .values({
      kind: message.kind,
      user_id: message.userId ?? null,
      recipient: message.to,
      subject: message.mail.subject,
      // Bodies may carry a one-time link (an invitation, a questionnaire): sealed like any secret.
      text_body: runtime.secrets.seal(message.mail.text),
      html_body: runtime.secrets.seal(message.mail.html),
      status: message.digest ? "digest" : "queued",
      dedup_key: message.dedupKey ?? null,
      event_id: message.eventId ?? null,
      created_at: runtime.now(),
      updated_at: runtime.now(),
    })
    .onConflict((oc) => oc.column("dedup_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  if (!message.digest) await runtime.enqueue?.(SEND_MAIL_QUEUE, { messageId: row.id }, tx);
  return row.id;
}

/**
 * Queues again the messages that were recorded where no job queue ran (a CLI command) and
 * have not been tried for a while. Sending claims a message first, so a second job for the
 * same message sends nothing twice.
 */
export async function requeueStrandedMail(runtime: Runtime): Promise<number> {
  if (!runtime.enqueue) return 0;
  const stranded = await runtime.db
    .selectFrom("mail_messages")
    .select("id")
    .where("status", "=", "queued")
    .where("attempts", "=", 0)
    .where("created_at", "<", sql<Date>`${runtime.now()}::timestamptz - interval '5 minutes'`)
    .limit(500)
    .execute();
  for (const { id } of stranded) {
    await runtime.enqueue(SEND_MAIL_QUEUE, { messageId: id }, undefined, {
      singletonKey: `mail:${id}`,
      singletonSeconds: 300,
    });
  }
  return stranded.length;
}
