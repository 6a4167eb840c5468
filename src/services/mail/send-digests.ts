import type { Runtime } from "../context.ts";
import { queueMail } from "./queue-mail.ts";
import { renderMail } from "./render-mail.ts";

/**
 * Sends the daily digest to each user whose digest hour (UTC) is the current hour and who had
 * none in the last 23 hours: one message listing what was held for them, then marked as digested.
 */
export async function sendDigests(runtime: Runtime): Promise<number> {
  const hour = runtime.now().getUTCHours();
  return runtime.db.transaction().execute(async (tx) => {
    const held = await tx
      .selectFrom("mail_messages as m")
      .innerJoin("notification_preferences as p", "p.user_id", "m.user_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.id", "m.user_id", "m.subject", "u.email"])
      .where("m.status", "=", "digest")
      .where("p.digest_hour", "=", hour)
      .where("u.disabled_at", "is", null)
      // Once a day: what arrives after today's digest waits for tomorrow's.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("mail_messages as d")
              .select("d.id")
              .whereRef("d.user_id", "=", "m.user_id")
              .where("d.kind", "=", "digest")
              .where("d.created_at", ">", new Date(runtime.now().getTime() - 23 * 3_600_000)),
          ),
        ),
      )
      .orderBy("m.created_at")
      .forUpdate("m")
      .skipLocked()
      .execute();
    const byUser = new Map<string, typeof held>();
    for (const row of held) byUser.set(row.user_id!, [...(byUser.get(row.user_id!) ?? []), row]);
    for (const [userId, rows] of byUser) {
      await queueMail(runtime, tx, {
        kind: "digest",
        to: rows[0]!.email,
        userId,
        mail: renderMail(`Warden daily digest: ${rows.length} update${rows.length === 1 ? "" : "s"}`, [
          "What happened since your last digest:",
          { list: rows.map((r) => r.subject) },
          { link: runtime.config.publicUrl, label: "Open Warden" },
        ]),
      });
      await tx
        .updateTable("mail_messages")
        .set({ status: "digested", updated_at: runtime.now() })
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
    }
    return byUser.size;
  });
}
