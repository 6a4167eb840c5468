import { z } from "zod";
import { SYSTEM_ACTOR } from "../domain/roles.ts";
import { computeReminders } from "../services/dashboard/compute-reminders.ts";
import { mailReminders } from "../services/mail/mail-reminders.ts";
import { recordQuestionnaireReminders } from "../services/questionnaires/record-questionnaire-reminders.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Daily: records the reminders of questionnaires due soon or overdue (once each), then lists what
 * expires or falls due within 30 days for the dashboard, and mails each new one to those who want it.
 */
export const computeRemindersJob = defineJob({
  queue: "reminders.compute",
  payload: z.object({}).passthrough(),
  cron: "5 2 * * *",
  async run(runtime) {
    const questionnaires = await recordQuestionnaireReminders({ runtime, actor: SYSTEM_ACTOR });
    const count = await computeReminders(runtime.db, runtime.now());
    const mailed = await mailReminders(runtime);
    runtime.log.info({ count, mailed, questionnaireReminders: questionnaires.length }, "reminders computed");
  },
});
