import type { Runtime, Tx } from "../context.ts";
import { DELIVER_WEBHOOK_QUEUE } from "./deliver-webhook.ts";

/**
 * Records a delivery of one event to one webhook and queues it, in the caller's
 * transaction. The body is fixed here, so every attempt sends the same bytes.
 */
export async function queueWebhookDelivery(
  runtime: Runtime,
  tx: Tx,
  delivery: {
    webhookId: string;
    kind: string;
    eventId: string | null;
    at: Date;
    data: Record<string, unknown>;
  },
): Promise<string> {
  const body = JSON.stringify({
    event: delivery.kind,
    eventId: delivery.eventId,
    createdAt: delivery.at.toISOString(),
    data: delivery.data,
  });
  const row = await tx
    .insertInto("webhook_deliveries")
    .values({
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      event_kind: delivery.kind,
      body,
      created_at: runtime.now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await runtime.enqueue?.(DELIVER_WEBHOOK_QUEUE, { deliveryId: row.id }, tx);
  return row.id;
}
