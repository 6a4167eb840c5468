import type { Runtime } from "../context.ts";
import { mailForEvent } from "../mail/event-mail.ts";
import { recipientsFor } from "../mail/mail-preferences.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { queueWebhookDelivery } from "../webhooks/queue-webhook-delivery.ts";

const BATCH = 100;
/** How long a dispatched event is kept (its deliveries and mail keep their own log). */
const KEEP_DISPATCHED_DAYS = 30;

/** Deletes events dispatched more than 30 days ago. */
export async function purgeDispatchedEvents(runtime: Runtime): Promise<number> {
  const cutoff = new Date(runtime.now().getTime() - KEEP_DISPATCHED_DAYS * 86_400_000);
  const result = await runtime.db
    .deleteFrom("outbound_events")
    .where("dispatched_at", "<", cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Turns recorded events into webhook deliveries (one per enabled webhook that listens
 * to the kind) and mail (one per recipient who wants the topic and may see the
 * matter), each queued as its own job. Each batch is taken with SKIP LOCKED and
 * marked dispatched in the transaction that queues its work, so two workers never
 * dispatch one event twice and a crash dispatches it again whole.
 */
export async function dispatchEvents(runtime: Runtime): Promise<number> {
  let dispatched = 0;
  for (;;) {
    const count = await runtime.db.transaction().execute(async (tx) => {
      const events = await tx
        .selectFrom("outbound_events")
        .selectAll()
        .where("dispatched_at", "is", null)
        .orderBy("created_at")
        .orderBy("id")
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (events.length === 0) return 0;
      const webhooks = await tx
        .selectFrom("webhooks")
        .select(["id", "events"])
        .where("disabled_at", "is", null)
        .execute();
      for (const event of events) {
        for (const hook of webhooks.filter((h) => h.events.includes(event.kind))) {
          await queueWebhookDelivery(runtime, tx, {
            webhookId: hook.id,
            kind: event.kind,
            eventId: event.id,
            at: event.created_at,
            data: event.payload,
          });
        }
        const mail = mailForEvent(event, runtime.config.publicUrl);
        if (mail) {
          const recipients = await recipientsFor(tx, mail.topic, {
            vendorId: event.vendor_id,
            internalOnly: mail.internalOnly,
          });
          for (const r of recipients) {
            await queueMail(runtime, tx, {
              kind: mail.kind,
              to: r.email,
              userId: r.userId,
              mail: mail.mail,
              eventId: event.id,
              dedupKey: `event:${event.id}:${r.userId}`,
              digest: r.digest,
            });
          }
        }
      }
      await tx
        .updateTable("outbound_events")
        .set({ dispatched_at: runtime.now() })
        .where(
          "id",
          "in",
          events.map((e) => e.id),
        )
        .execute();
      return events.length;
    });
    dispatched += count;
    if (count < BATCH) return dispatched;
  }
}
