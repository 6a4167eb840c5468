import { z } from "zod";
import { VERIFY_DELIVERY_QUEUE } from "../services/custody/custody-repositories.ts";
import { runVerification } from "../services/custody/run-verification.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Verifies a recorded code delivery from our mirror and accepts or rejects its milestone. A
 * verification that cannot run ends as an error with its reason (no retry would change that).
 */
export const verifyDeliveryJob = defineJob({
  queue: VERIFY_DELIVERY_QUEUE,
  payload: z.object({ verificationId: z.string().uuid() }),
  retryLimit: 0,
  // Build and tests run up to the engagement's wall-time limit per command.
  expireInSeconds: 6 * 60 * 60,
  async run(runtime, payload) {
    const outcome = await runVerification(runtime, payload.verificationId);
    runtime.log.info({ verificationId: payload.verificationId, outcome }, "delivery verification");
  },
});
