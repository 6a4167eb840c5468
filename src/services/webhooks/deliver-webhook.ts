import { WardenError } from "../../domain/errors.ts";
import type { Runtime } from "../context.ts";
import { postOnce, signBody } from "./post-signed.ts";
import { RefusedTargetError } from "./webhook-target.ts";

/** The queue that makes one webhook delivery: `{ deliveryId }`. */
export const DELIVER_WEBHOOK_QUEUE = "webhook.deliver";
/** How many times a delivery is tried before it is marked failed. */
export const WEBHOOK_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/**
 * Makes one attempt at a webhook delivery and records it (status, response code, an
 * excerpt of the answer, attempts, time). A network error, a 5xx or a 429 throws, so
 * the job queue tries again with back-off; any other answer, or a refused address,
 * is final. The delivery id is the same on every attempt, so a receiver can drop repeats.
 */
export async function deliverWebhook(runtime: Runtime, deliveryId: string): Promise<void> {
  const delivery = await runtime.db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .select([
      "webhook_deliveries.id",
      "webhook_deliveries.status",
      "webhook_deliveries.attempts",
      "webhook_deliveries.body",
      "webhook_deliveries.event_kind",
      "webhooks.url",
      "webhooks.secret_sealed",
      "webhooks.disabled_at",
    ])
    .where("webhook_deliveries.id", "=", deliveryId)
    .executeTakeFirst();
  if (delivery?.status !== "pending") return;
  const attempt = delivery.attempts + 1;
  const claimed = await runtime.db
    .updateTable("webhook_deliveries")
    .set({ attempts: attempt, last_attempt_at: runtime.now() })
    .where("id", "=", deliveryId)
    .where("status", "=", "pending")
    .where("attempts", "=", delivery.attempts)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return;
  const record = (fields: {
    status: "pending" | "delivered" | "failed" | "refused";
    response_code?: number | null;
    response_excerpt?: string | null;
    error?: string | null;
  }) =>
    runtime.db
      .updateTable("webhook_deliveries")
      .set({
        ...fields,
        ...(fields.status === "delivered" ? { delivered_at: runtime.now() } : {}),
      })
      .where("id", "=", deliveryId)
      .execute();
  if (delivery.disabled_at) {
    await record({ status: "failed", error: "The webhook was disabled before this delivery was sent." });
    return;
  }
  const last = attempt >= WEBHOOK_ATTEMPTS;
  try {
    const secret = runtime.secrets.open(delivery.secret_sealed);
    const result = await postOnce(
      new URL(delivery.url),
      delivery.body,
      {
        "user-agent": "Warden-Webhook/1",
        "x-warden-event": delivery.event_kind,
        "x-warden-delivery": delivery.id,
        "x-warden-signature": signBody(secret, delivery.body),
      },
      { allowLoopback: runtime.config.webhookAllowLoopback, timeoutMs: TIMEOUT_MS },
    );
    const retryable = result.status >= 500 || result.status === 429;
    const ok = result.status >= 200 && result.status < 300;
    await record({
      status: ok ? "delivered" : retryable && !last ? "pending" : "failed",
      response_code: result.status,
      response_excerpt: result.excerpt,
      error: ok ? null : `The receiver answered ${result.status}.`,
    });
    if (retryable && !last) {
      throw new WardenError(
        "unavailable",
        `Webhook delivery ${deliveryId}: the receiver answered ${result.status}.`,
      );
    }
  } catch (error) {
    if (error instanceof WardenError) throw error;
    if (error instanceof RefusedTargetError) {
      await record({
        status: "refused",
        response_code: null,
        response_excerpt: null,
        error: `Refused: ${error.message}.`,
      });
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    await record({
      status: last ? "failed" : "pending",
      response_code: null,
      response_excerpt: null,
      error: text,
    });
    if (!last) throw new WardenError("unavailable", `Webhook delivery ${deliveryId} failed: ${text}`);
  }
}
