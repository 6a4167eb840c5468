import { analyzeContractJob } from "./analyze-contract-job.ts";
import { computeRemindersJob } from "./compute-reminders-job.ts";
import { deliverWebhookJob } from "./deliver-webhook-job.ts";
import { dispatchEventsJob } from "./dispatch-events-job.ts";
import { indexDeliveryJob } from "./index-delivery-job.ts";
import type { JobDefinition } from "./job-definition.ts";
import { mirrorSyncJob } from "./mirror-sync-job.ts";
import { purgeExpiredSessions } from "./purge-expired-sessions.ts";
import { reconcileAccessJob } from "./reconcile-access-job.ts";
import { refreshEvaluationsJob } from "./refresh-evaluations-job.ts";
import { sendMailJob } from "./send-mail-job.ts";
import { vacuumEmbeddedDatabaseJob } from "./vacuum-embedded-database-job.ts";
import { verifyDeliveryJob } from "./verify-delivery-job.ts";

/** Every kind of background work, by queue name. Add new jobs here. */
export const jobs: JobDefinition[] = [
  purgeExpiredSessions,
  computeRemindersJob,
  refreshEvaluationsJob,
  reconcileAccessJob,
  analyzeContractJob,
  mirrorSyncJob,
  verifyDeliveryJob,
  indexDeliveryJob,
  vacuumEmbeddedDatabaseJob,
  dispatchEventsJob,
  sendMailJob,
  deliverWebhookJob,
];
