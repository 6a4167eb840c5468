import type { Runtime } from "../context.ts";
import { recipientsFor } from "./mail-preferences.ts";
import { queueMail } from "./queue-mail.ts";
import { renderMail } from "./render-mail.ts";

/** Reminders of things that expire (mailed as `expiry`); the rest fall due (mailed as `reminder`). */
const EXPIRY_KINDS = new Set(["nda", "certification", "staff-certification", "insurance"]);
/** Reminders a vendor contact may get about their own vendor: the rest are internal matters. */
const VENDOR_VISIBLE = new Set(["nda", "certification", "staff-certification", "insurance", "questionnaire"]);

/**
 * Mails the current reminders (computed by the daily job) to those who want them: each
 * reminder once per recipient and due date, however often the job runs.
 */
export async function mailReminders(runtime: Runtime): Promise<number> {
  const reminders = await runtime.db.selectFrom("reminders").selectAll().execute();
  if (reminders.length === 0) return 0;
  let queued = 0;
  await runtime.db.transaction().execute(async (tx) => {
    for (const r of reminders) {
      const expiry = EXPIRY_KINDS.has(r.kind);
      const topic = expiry ? "expiry" : "reminder";
      const overdue = r.due_on < new Date(runtime.now()).toISOString().slice(0, 10);
      const verb = expiry ? (overdue ? "expired on" : "expires on") : overdue ? "was due on" : "is due on";
      const mail = renderMail(`${expiry ? "Expiry" : "Reminder"}: ${r.subject} ${verb} ${r.due_on}`, [
        `${r.subject} ${verb} ${r.due_on}.`,
        {
          // A vendor contact may receive this one: link to the start page, which shows each their own.
          link:
            r.engagement_id && !VENDOR_VISIBLE.has(r.kind)
              ? `${runtime.config.publicUrl}/engagements/${r.engagement_id}`
              : runtime.config.publicUrl,
          label: "Open Warden",
        },
      ]);
      const recipients = await recipientsFor(tx, topic, {
        vendorId: r.vendor_id,
        internalOnly: !VENDOR_VISIBLE.has(r.kind),
      });
      for (const to of recipients) {
        const id = await queueMail(runtime, tx, {
          kind: topic,
          to: to.email,
          userId: to.userId,
          mail,
          dedupKey: `reminder:${r.kind}:${r.vendor_id ?? ""}:${r.engagement_id ?? ""}:${r.subject}:${r.due_on}:${to.userId}`,
          digest: to.digest,
        });
        if (id) queued += 1;
      }
    }
  });
  return queued;
}
