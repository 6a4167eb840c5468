import { z } from "zod";
import { SEND_MAIL_QUEUE } from "../services/mail/queue-mail.ts";
import { MAIL_ATTEMPTS, sendQueuedMail } from "../services/mail/send-queued-mail.ts";
import { defineJob } from "./job-definition.ts";

/** Sends one mail message; a failed send is retried with back-off (30 s, 1 min, 2 min, … doubling). */
export const sendMailJob = defineJob({
  queue: SEND_MAIL_QUEUE,
  payload: z.object({ messageId: z.string().uuid() }),
  retryLimit: MAIL_ATTEMPTS - 1,
  retryDelaySeconds: 30,
  async run(runtime, payload) {
    await sendQueuedMail(runtime, payload.messageId);
  },
});
