import { z } from "zod";
import { INDEX_DELIVERY_QUEUE, indexAcceptedDelivery } from "../services/leaks/index-delivery.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Adds an accepted delivery's source tree to the leak-watch fingerprint index. Safe to run
 * again: files already indexed are kept, so a retry only adds what is missing.
 */
export const indexDeliveryJob = defineJob({
  queue: INDEX_DELIVERY_QUEUE,
  payload: z.object({ verificationId: z.string().uuid() }),
  retryLimit: 3,
  expireInSeconds: 60 * 60,
  async run(runtime, payload) {
    const outcome = await indexAcceptedDelivery(runtime, payload.verificationId);
    runtime.log.info(
      { verificationId: payload.verificationId, ...outcome },
      "delivery indexed for leak tracing",
    );
  },
});
