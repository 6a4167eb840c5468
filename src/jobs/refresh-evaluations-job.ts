import { z } from "zod";
import { refreshEvaluations } from "../services/playbook/refresh-evaluations.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Keeps the portfolio views current: every 10 minutes, and after writes (the
 * services enqueue it with a singleton key, so a burst of writes runs it once).
 */
export const refreshEvaluationsJob = defineJob({
  queue: "playbook.refresh",
  payload: z.object({ engagementIds: z.array(z.string().uuid()).max(10_000).optional() }).passthrough(),
  cron: "*/10 * * * *",
  async run(runtime, payload) {
    const { evaluated } = await refreshEvaluations(runtime.db, runtime.now(), payload.engagementIds);
    runtime.log.info({ evaluated }, "evaluations refreshed");
  },
});
