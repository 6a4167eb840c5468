import { addDays, toIsoDate } from "../../domain/dates.ts";
import type { QuestionnaireReminderKind } from "../../store/schema.ts";
import type { ServiceContext } from "../context.ts";
import { writeTransaction } from "../write.ts";
import { OPEN_STATUSES } from "./assignment-view.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";

export interface RecordedReminder {
  assignmentId: string;
  kind: QuestionnaireReminderKind;
  dueOn: string;
}

/**
 * Records a reminder on every questionnaire not yet submitted whose due date falls within the
 * reminder window (`due_soon`) or has passed (`overdue`). Warden sends no e-mail: the reminder is
 * kept on the questionnaire, where the vendor contact's portal list, the questionnaires page and
 * the dashboard show it, and each one is audit-logged. Each questionnaire is reminded once per
 * window, so running the daily job again records nothing new.
 *
 * @example
 * await recordQuestionnaireReminders({ runtime, actor: SYSTEM_ACTOR }); // → [{ assignmentId, kind: "overdue", dueOn }]
 */
export async function recordQuestionnaireReminders(ctx: ServiceContext): Promise<RecordedReminder[]> {
  const { reminderDays } = await readQuestionnaireSettings(ctx.runtime.db);
  const today = toIsoDate(ctx.runtime.now());
  const due = await ctx.runtime.db
    .selectFrom("questionnaire_assignments as a")
    .innerJoin("engagements as e", "e.id", "a.engagement_id")
    .select(["a.id", "a.due_on", "a.reminder_kind"])
    .where("e.deleted_at", "is", null)
    .where("a.status", "in", [...OPEN_STATUSES])
    .where("a.due_on", "<=", addDays(today, reminderDays))
    .where((eb) => eb.or([eb("a.reminder_kind", "is", null), eb("a.reminder_kind", "=", "due_soon")]))
    .execute();
  const pending: RecordedReminder[] = [];
  for (const row of due) {
    const kind: QuestionnaireReminderKind = row.due_on! < today ? "overdue" : "due_soon";
    if (row.reminder_kind !== kind) pending.push({ assignmentId: row.id, kind, dueOn: row.due_on! });
  }
  if (!pending.length) return [];
  return writeTransaction(ctx, async (tx, audit) => {
    const recorded: RecordedReminder[] = [];
    for (const r of pending) {
      // The guard makes a concurrent run (another worker) record nothing twice.
      const updated = await tx
        .updateTable("questionnaire_assignments")
        .set({ reminder_kind: r.kind, reminded_at: ctx.runtime.now() })
        .where("id", "=", r.assignmentId)
        .where("status", "in", [...OPEN_STATUSES])
        .where((eb) =>
          r.kind === "overdue"
            ? eb.or([eb("reminder_kind", "is", null), eb("reminder_kind", "=", "due_soon")])
            : eb("reminder_kind", "is", null),
        )
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) continue;
      await audit({
        action: "questionnaire.reminder",
        targetType: "questionnaire_assignment",
        targetId: r.assignmentId,
        summary: { kind: r.kind, dueOn: r.dueOn, windowDays: reminderDays },
      });
      recorded.push(r);
    }
    return recorded;
  });
}
