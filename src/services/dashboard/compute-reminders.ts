import type { Kysely } from "kysely";
import { addDays, toIsoDate } from "../../domain/dates.ts";
import type { Database } from "../../store/schema.ts";
import { refreshDashboard } from "./get-dashboard.ts";

export const REMINDER_WINDOW_DAYS = 30;

/**
 * Lists what expires or falls due within 30 days (or already has): NDAs of
 * active people, vendor and staff certifications, insurance, attestations,
 * audits and milestones. Replaces the previous list in one transaction.
 */
export async function computeReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const today = toIsoDate(now);
  const horizon = addDays(today, REMINDER_WINDOW_DAYS);
  const rows: {
    vendor_id: string | null;
    engagement_id: string | null;
    kind: string;
    subject: string;
    due_on: string;
  }[] = [];
  const ndas = await db
    .selectFrom("people")
    .select(["vendor_id", "full_name", "nda_expires_on"])
    .where("deleted_at", "is", null)
    .where("nda_expires_on", "<=", horizon)
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", today)]))
    .execute();
  for (const p of ndas)
    rows.push({
      vendor_id: p.vendor_id,
      engagement_id: null,
      kind: "nda",
      subject: `NDA of ${p.full_name}`,
      due_on: p.nda_expires_on!,
    });
  const certs = await db
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
    .execute();
  for (const c of certs)
    rows.push({
      vendor_id: c.id,
      engagement_id: null,
      kind: "certification",
      subject: `${c.kind} of ${c.legal_name}`,
      due_on: c.expires_on,
    });
  const staffCerts = await db
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
    .execute();
  for (const c of staffCerts)
    rows.push({
      vendor_id: c.vendor_id,
      engagement_id: null,
      kind: "staff-certification",
      subject: `${c.name} of ${c.full_name}`,
      due_on: c.expires_on!,
    });
  const insurance = await db
    .selectFrom("insurance_certificates")
    .innerJoin("vendors", "vendors.id", "insurance_certificates.vendor_id")
    .select([
      "vendors.id",
      "vendors.legal_name",
      "insurance_certificates.insurer",
      "insurance_certificates.expires_on",
    ])
    .where("insurance_certificates.expires_on", "<=", horizon)
    .execute();
  for (const i of insurance)
    rows.push({
      vendor_id: i.id,
      engagement_id: null,
      kind: "insurance",
      subject: `Insurance (${i.insurer}) of ${i.legal_name}`,
      due_on: i.expires_on,
    });
  const attestations = await db
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
    .execute();
  for (const a of attestations)
    rows.push({
      vendor_id: a.vendor_id,
      engagement_id: a.id,
      kind: "attestation",
      subject: `${a.control_id} attestation on ${a.name}`,
      due_on: a.expires_on!,
    });
  const audits = await db
    .selectFrom("audits")
    .innerJoin("vendors", "vendors.id", "audits.vendor_id")
    .select(["vendors.id", "vendors.legal_name", "audits.next_due_on", "audits.kind"])
    .where("audits.next_due_on", "<=", horizon)
    .execute();
  for (const a of audits)
    rows.push({
      vendor_id: a.id,
      engagement_id: null,
      kind: "audit",
      subject: `${a.kind === "third_party" ? "Third-party" : "Internal"} audit of ${a.legal_name}`,
      due_on: a.next_due_on!,
    });
  const milestones = await db
    .selectFrom("milestones")
    .innerJoin("engagements", "engagements.id", "milestones.engagement_id")
    .select(["engagements.id", "engagements.vendor_id", "milestones.title", "milestones.due_date"])
    .where("milestones.due_date", "<=", horizon)
    .where("milestones.state", "=", "planned")
    .execute();
  for (const m of milestones)
    rows.push({
      vendor_id: m.vendor_id,
      engagement_id: m.id,
      kind: "milestone",
      subject: `Milestone ${m.title}`,
      due_on: m.due_date!,
    });
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
