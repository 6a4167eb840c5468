import { z } from "zod";
import { dispatchEvents, purgeDispatchedEvents } from "../services/events/dispatch-events.ts";
import { followAuditLog } from "../services/events/follow-audit-log.ts";
import { requeueStrandedMail } from "../services/mail/queue-mail.ts";
import { sendDigests } from "../services/mail/send-digests.ts";
import { defineJob } from "./job-definition.ts";

/** The queue that turns events into webhook deliveries and mail. */
export const DISPATCH_EVENTS_QUEUE = "events.dispatch";

/**
 * Every minute, and after each evaluation refresh: reads new audit entries into events,
 * dispatches the events to webhooks and mail, sends the digests due this hour, and
 * queues again mail recorded where no queue ran, and forgets events dispatched a month ago.
 */
export const dispatchEventsJob = defineJob({
  queue: DISPATCH_EVENTS_QUEUE,
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  async run(runtime) {
    const read = await followAuditLog(runtime);
    const dispatched = await dispatchEvents(runtime);
    const digests = await sendDigests(runtime);
    const requeued = await requeueStrandedMail(runtime);
    await purgeDispatchedEvents(runtime);
    if (read || dispatched || digests || requeued) {
      runtime.log.info({ read, dispatched, digests, requeued }, "events dispatched");
    }
  },
});
