import type { Kysely } from "kysely";
import { addDays, toIsoDate } from "../../domain/dates.ts";
import type { Database } from "../../store/schema.ts";
import { OPEN_STATUSES } from "../questionnaires/assignment-view.ts";
import { readQuestionnaireSettings } from "../questionnaires/questionnaire-settings.ts";
import { refreshDashboard } from "./get-dashboard.ts";

export const REMINDER_WINDOW_DAYS = 30;

interface Reminder {
  vendor_id: string | null;
  engagement_id: string | null;
  kind: string;
  subject: string;
  due_on: string;
}

/** One kind of thing that falls due: the rows its query found, each turned into a reminder of that kind. */
async function remindersOf<R>(
  kind: string,
  rows: Promise<R[]>,
  toReminder: (row: R) => Omit<Reminder, "kind">,
): Promise<Reminder[]> {
  return (await rows).map((row) => ({ kind, ...toReminder(row) }));
}

/**
 * Lists what expires or falls due within 30 days (or already has): NDAs of
 * active people, vendor and staff certifications, insurance, attestations,
 * audits and milestones, and questionnaires not yet submitted within their
 * reminder window. Replaces the previous list in one transaction.
 */
export async function computeReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const today = toIsoDate(now);
  const horizon = addDays(today, REMINDER_WINDOW_DAYS);
  const { reminderDays } = await readQuestionnaireSettings(db);
  const lists = await Promise.all([
    remindersOf(
      "nda",
      db
        .selectFrom("people")
        .select(["vendor_id", "full_name", "nda_expires_on"])
        .where("deleted_at", "is", null)
        .where("nda_expires_on", "<=", horizon)
        .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", today)]))
        .execute(),
      (p) => ({
        vendor_id: p.vendor_id,
        engagement_id: null,
        subject: `NDA of ${p.full_name}`,
        due_on: p.nda_expires_on!,
      }),
    ),
    remindersOf(
      "certification",
      db
        .selectFrom("vendor_certifications")
        .innerJoin("vendors", "vendors.id", "vendor_certifications.vendor_id")
        .select([
          "vendors.id",
          "vendors.legal_name",
          "vendor_certifications.kind",
          "vendor_certifications.expires_on",
        ])
        .where("vendor_certifications.expires_on", "<=", horizon)
        .where("vendors.deleted_at", "is", null)
        .execute(),
      (c) => ({
        vendor_id: c.id,
        engagement_id: null,
        subject: `${c.kind} of ${c.legal_name}`,
        due_on: c.expires_on,
      }),
    ),
    remindersOf(
      "staff-certification",
      db
        .selectFrom("person_certifications")
        .innerJoin("people", "people.id", "person_certifications.person_id")
        .select([
          "people.vendor_id",
          "people.full_name",
          "person_certifications.name",
          "person_certifications.expires_on",
        ])
        .where("person_certifications.expires_on", "<=", horizon)
        .where("people.deleted_at", "is", null)
        .where((eb) => eb.or([eb("people.end_date", "is", null), eb("people.end_date", ">=", today)]))
        .execute(),
      (c) => ({
        vendor_id: c.vendor_id,
        engagement_id: null,
        subject: `${c.name} of ${c.full_name}`,
        due_on: c.expires_on!,
      }),
    ),
    remindersOf(
      "insurance",
      db
        .selectFrom("insurance_certificates")
        .innerJoin("vendors", "vendors.id", "insurance_certificates.vendor_id")
        .select([
          "vendors.id",
          "vendors.legal_name",
          "insurance_certificates.insurer",
          "insurance_certificates.expires_on",
        ])
        .where("insurance_certificates.expires_on", "<=", horizon)
        .execute(),
      (i) => ({
        vendor_id: i.id,
        engagement_id: null,
        subject: `Insurance (${i.insurer}) of ${i.legal_name}`,
        due_on: i.expires_on,
      }),
    ),
    remindersOf(
      "attestation",
      db
        .selectFrom("attestations")
        .innerJoin("engagements", "engagements.id", "attestations.engagement_id")
        .select([
          "engagements.id",
          "engagements.vendor_id",
          "engagements.name",
          "attestations.control_id",
          "attestations.expires_on",
        ])
        .where("attestations.revoked_at", "is", null)
        .where("attestations.expires_on", "<=", horizon)
        .execute(),
      (a) => ({
        vendor_id: a.vendor_id,
        engagement_id: a.id,
        subject: `${a.control_id} attestation on ${a.name}`,
        due_on: a.expires_on!,
      }),
    ),
    remindersOf(
      "audit",
      db
        .selectFrom("audits")
        .innerJoin("vendors", "vendors.id", "audits.vendor_id")
        .select(["vendors.id", "vendors.legal_name", "audits.next_due_on", "audits.kind"])
        .where("audits.next_due_on", "<=", horizon)
        .execute(),
      (a) => ({
        vendor_id: a.id,
        engagement_id: null,
        subject: `${a.kind === "third_party" ? "Third-party" : "Internal"} audit of ${a.legal_name}`,
        due_on: a.next_due_on!,
      }),
    ),
    remindersOf(
      "milestone",
      db
        .selectFrom("milestones")
        .innerJoin("engagements", "engagements.id", "milestones.engagement_id")
        .select(["engagements.id", "engagements.vendor_id", "milestones.title", "milestones.due_date"])
        .where("milestones.due_date", "<=", horizon)
        .where("milestones.state", "=", "planned")
        .execute(),
      (m) => ({
        vendor_id: m.vendor_id,
        engagement_id: m.id,
        subject: `Milestone ${m.title}`,
        due_on: m.due_date!,
      }),
    ),
    remindersOf(
      "questionnaire",
      db
        .selectFrom("questionnaire_assignments as a")
        .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
        .innerJoin("engagements as e", "e.id", "a.engagement_id")
        .select(["a.vendor_id", "a.engagement_id", "a.due_on", "t.title", "e.name"])
        .where("a.status", "in", [...OPEN_STATUSES])
        .where("a.due_on", "<=", addDays(today, reminderDays))
        .where("e.deleted_at", "is", null)
        .execute(),
      (q) => ({
        vendor_id: q.vendor_id,
        engagement_id: q.engagement_id,
        subject: `${q.title} on ${q.name}`,
        due_on: q.due_on!,
      }),
    ),
  ]);
  const rows = lists.flat();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("reminders").execute();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insertInto("reminders")
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, computed_at: now })))
        .execute();
    }
  });
  await refreshDashboard(db, now);
  return rows.length;
}
