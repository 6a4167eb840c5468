import { z } from "zod";
import { refreshEvaluations } from "../services/playbook/refresh-evaluations.ts";
import { DISPATCH_EVENTS_QUEUE } from "./dispatch-events-job.ts";
import { defineJob } from "./job-definition.ts";
import { vacuumTables } from "./vacuum-embedded-database-job.ts";

/**
 * Keeps the portfolio views current: every 10 minutes, and after writes (the
 * services enqueue it with a singleton key, so a burst of writes runs it once).
 * On the embedded database, which has no autovacuum, the rewritten tables are
 * vacuumed after each run.
 */
export const refreshEvaluationsJob = defineJob({
  queue: "playbook.refresh",
  payload: z.object({ engagementIds: z.array(z.string().uuid()).max(10_000).optional() }).passthrough(),
  cron: "*/10 * * * *",
  async run(runtime, payload) {
    const { evaluated } = await refreshEvaluations(runtime.db, runtime.now(), payload.engagementIds);
    // Every refresh rewrites these rows: on the embedded database, reclaim the old versions now.
    await vacuumTables(runtime, ["engagement_evaluations", "settings"]);
    runtime.log.info({ evaluated }, "evaluations refreshed");
    // The write that asked for this refresh, and any gate or control it moved, reach webhooks and mail now.
    await runtime.enqueue?.(DISPATCH_EVENTS_QUEUE, {}, undefined, {
      singletonKey: "all",
      singletonSeconds: 2,
    });
  },
});
