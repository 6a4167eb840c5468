import { z } from "zod";
import {
  DELIVER_WEBHOOK_QUEUE,
  deliverWebhook,
  WEBHOOK_ATTEMPTS,
} from "../services/webhooks/deliver-webhook.ts";
import { defineJob } from "./job-definition.ts";

/** Makes one webhook delivery; a network error, 5xx or 429 is retried with back-off (30 s, doubling). */
export const deliverWebhookJob = defineJob({
  queue: DELIVER_WEBHOOK_QUEUE,
  payload: z.object({ deliveryId: z.string().uuid() }),
  retryLimit: WEBHOOK_ATTEMPTS - 1,
  retryDelaySeconds: 30,
  async run(runtime, payload) {
    await deliverWebhook(runtime, payload.deliveryId);
  },
});
