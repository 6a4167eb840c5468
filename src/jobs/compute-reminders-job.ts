import { z } from "zod";
import { computeReminders } from "../services/dashboard/compute-reminders.ts";
import { defineJob } from "./job-definition.ts";

/** Daily: what expires or falls due within 30 days, for the dashboard. */
export const computeRemindersJob = defineJob({
  queue: "reminders.compute",
  payload: z.object({}).passthrough(),
  cron: "5 2 * * *",
  async run(runtime) {
    const count = await computeReminders(runtime.db, runtime.now());
    runtime.log.info({ count }, "reminders computed");
  },
});
