import { z } from "zod";
import { SYSTEM_ACTOR } from "../domain/roles.ts";
import { reconcileAccessNow } from "../services/access/reconcile-access-now.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Reconciles every configured system against the roster: hourly, and on demand (the API enqueues it).
 * A connector failure is stored as a failed run by the service; the job itself then succeeds, so the
 * queue does not hammer a directory that is down.
 */
export const reconcileAccessJob = defineJob({
  queue: "access.reconcile",
  payload: z.object({}).passthrough(),
  cron: "17 * * * *",
  expireInSeconds: 30 * 60,
  async run(runtime) {
    const hasConnector = await runtime.db
      .selectFrom("access_connectors")
      .select("id")
      .limit(1)
      .executeTakeFirst();
    if (!hasConnector) return;
    const run = await reconcileAccessNow({ runtime, actor: SYSTEM_ACTOR });
    runtime.log.info(
      { runId: run.id, status: run.status, findings: run.findings.length, error: run.error },
      "access reconciled",
    );
  },
});
