import { addDays, toIsoDate } from "../../domain/dates.ts";
import { WardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { computeReminders } from "../dashboard/compute-reminders.ts";
import { advanceStage } from "../engagements/advance-stage.ts";
import { addAsset } from "../engagements/assets.ts";
import { attestControl } from "../engagements/attest-control.ts";
import { recordControlException } from "../engagements/control-exceptions.ts";
import { createEngagement } from "../engagements/create-engagement.ts";
import { createMilestone } from "../milestones/create-milestone.ts";
import { decideDelivery, recordDelivery } from "../milestones/move-milestone.ts";
import { refreshEvaluations } from "../playbook/refresh-evaluations.ts";
import { recordAudit } from "../records/audits.ts";
import { addGrant } from "../records/grants.ts";
import { recordIncident } from "../records/incidents.ts";
import { acknowledgePolicy, createPolicy } from "../records/policies.ts";
import type { PersonView } from "../roster/person-view.ts";
import { addPerson, setEngagementMember } from "../roster/save-person.ts";
import { createVendor } from "../vendors/create-vendor.ts";
import { updateVendor } from "../vendors/update-vendor.ts";
import { addInsuranceCertificate, addVendorCertification } from "../vendors/vendor-certificates.ts";

const FIRST = [
  "Aarav",
  "Priya",
  "Rohan",
  "Ananya",
  "Vikram",
  "Kavya",
  "Arjun",
  "Isha",
  "Karthik",
  "Meera",
  "Nikhil",
  "Pooja",
  "Rahul",
  "Sneha",
  "Siddharth",
  "Divya",
  "Aditya",
  "Lakshmi",
  "Manish",
  "Neha",
];
const LAST = ["Sharma", "Iyer", "Reddy", "Nair", "Patel", "Gupta", "Menon", "Rao", "Kulkarni", "Joshi"];
const VN = ["Nguyen Van An", "Tran Thi Bich", "Le Hoang Nam", "Pham Minh Chau", "Vo Thanh Tung"];

export interface DemoSummary {
  vendors: number;
  engagements: number;
  people: number;
  milestones: number;
}

/**
 * Loads a realistic workspace through the ordinary services (so every record is
 * validated and audited like a user's): an Indian vendor with a Vietnamese
 * subcontractor, two engagements in different stages, a roster of 25 with
 * leavers and an expired NDA, milestones, an audit with findings. Refuses a
 * workspace that already has vendors.
 */
export async function loadDemo(caller: ServiceContext): Promise<DemoSummary> {
  requirePermission(caller, "vendors.write", "load the demo workspace");
  // The demo's records are written by the system, as "demo", on behalf of whoever loaded it:
  // the audit log tells them apart from the caller's own work.
  const ctx: ServiceContext = {
    runtime: caller.runtime,
    actor: {
      ...SYSTEM_ACTOR,
      label: caller.actor.kind === "system" ? "demo" : `demo (for ${caller.actor.label})`,
    },
  };
  const any = await ctx.runtime.db
    .selectFrom("vendors")
    .select("id")
    .where("deleted_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  if (any)
    throw new WardenError(
      "conflict",
      "The workspace already has vendors: the demo loads only into an empty one.",
    );
  const today = toIsoDate(ctx.runtime.now());
  const d = (days: number) => addDays(today, days);

  const vendor = await createVendor(ctx, {
    legalName: "Kaveri Software Services Pvt Ltd",
    country: "IN",
    website: "https://kaveri.example",
    contacts: [
      { name: "Suresh Krishnan", email: "suresh.krishnan@kaveri.example", role: "Delivery director" },
    ],
    internalNotes: "Preferred vendor for the payments platform; renegotiate rates in Q3.",
  });
  const sub = await createVendor(ctx, {
    legalName: "Saigon Quality Labs JSC",
    country: "VN",
    parentVendorId: vendor.id,
    contacts: [{ name: "Tran Thi Bich", email: "bich@sqlabs.example", role: "QA lead" }],
  });
  await updateVendor(ctx, vendor.id, {
    assessedOn: d(-200),
    assessmentExpiresOn: d(165),
    assessmentRating: "medium",
    chainDisclosedOn: d(-190),
  });
  await updateVendor(ctx, sub.id, {
    assessedOn: d(-180),
    assessmentExpiresOn: d(185),
    assessmentRating: "medium",
  });
  await addVendorCertification(ctx, vendor.id, {
    kind: "ISO 27001",
    issuer: "BSI",
    issuedOn: d(-700),
    expiresOn: d(20),
  });
  await addVendorCertification(ctx, vendor.id, {
    kind: "SOC 2 Type II",
    issuer: "A-LIGN",
    issuedOn: d(-120),
    expiresOn: d(245),
  });
  await addInsuranceCertificate(ctx, vendor.id, {
    insurer: "Tata AIG",
    policyNumber: "CYB-2291-77",
    coverageAmount: 5_000_000,
    currency: "USD",
    expiresOn: d(300),
  });

  const payments = await createEngagement(ctx, {
    vendorId: vendor.id,
    name: "Payments platform rebuild",
    scope: "Rebuild of the card-payments back end: ledger service, reconciliation jobs, merchant API.",
    startDate: d(-330),
    endDate: d(400),
    approvedNetworks: ["203.0.113.0/24", "198.51.100.16/28"],
    requiredInsuranceAmount: 2_000_000,
    requiredInsuranceCurrency: "USD",
  });
  const mobile = await createEngagement(ctx, {
    vendorId: vendor.id,
    name: "Merchant mobile app",
    scope: "Android and iOS app for merchants; UI testing by the subcontractor.",
    startDate: d(30),
    endDate: d(300),
    requiredInsuranceAmount: 1_000_000,
    requiredInsuranceCurrency: "USD",
  });
  const ledger = await addAsset(ctx, payments.id, {
    kind: "repository",
    name: "ledger-service",
    location: "git.internal/payments/ledger",
    classification: "crown_jewel",
  });
  await addAsset(ctx, payments.id, {
    kind: "repository",
    name: "merchant-api",
    location: "git.internal/payments/merchant-api",
    classification: "confidential",
  });
  await addAsset(ctx, payments.id, {
    kind: "dataset",
    name: "Anonymised transaction samples",
    classification: "confidential",
  });
  await addAsset(ctx, mobile.id, {
    kind: "repository",
    name: "merchant-app",
    location: "git.internal/mobile/merchant-app",
    classification: "internal",
  });
  await addAsset(ctx, mobile.id, { kind: "document", name: "Brand guidelines", classification: null });

  // The roster: 20 at the vendor, 5 at the subcontractor; 6 leavers this year, one expired NDA, one never signed.
  const people: PersonView[] = [];
  for (let i = 0; i < 25; i++) {
    const atSub = i >= 20;
    const name = atSub ? VN[i - 20]! : `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`;
    const start = d(-700 + i * 15);
    const leaver = [3, 7, 11, 15, 19, 22].includes(i);
    const person = await addPerson(ctx, vendor.id, {
      fullName: name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${atSub ? "sqlabs" : "kaveri"}.example`,
      employerVendorId: atSub ? sub.id : vendor.id,
      roleTitle: atSub ? "QA engineer" : i % 5 === 0 ? "Tech lead" : "Software engineer",
      startDate: start,
      endDate: leaver ? d(-30 - i * 9) : null,
      ndaSignedOn: i === 9 ? null : addDays(start, -3),
      ndaExpiresOn: i === 5 ? d(-12) : i === 9 ? null : addDays(start, 1095),
      noncompeteSignedOn: atSub ? null : addDays(start, -3),
      trainingCompletedOn: i % 6 === 4 ? null : addDays(start, 7),
      certifications:
        i % 4 === 0 ? [{ name: i % 8 === 0 ? "CISSP" : "GIAC GSEC", expiresOn: d(200 + i * 10) }] : [],
    });
    people.push(person);
    await setEngagementMember(ctx, i < 16 || atSub ? payments.id : mobile.id, person.id, true);
  }
  const active = people.filter((p) => !p.endDate);
  // Access first for those cleared (NDA valid, training done); one more is granted later, without an NDA.
  const cleared = active.filter((p) => p.ndaStatus === "valid" && p.trainingCompletedOn).slice(0, 11);
  const grant = (p: (typeof people)[number]) =>
    addGrant(ctx, payments.id, {
      personId: p.id,
      system: "corp-ldap",
      account: p.email!.split("@")[0]!,
      scope: ["vpn-payments", "git-payments-read"],
      reason: "Development on the payments platform",
      grantedOn: p.ndaSignedOn && p.ndaSignedOn > p.startDate ? p.ndaSignedOn : p.startDate,
    });
  for (const p of cleared) await grant(p);
  const encryption = await createPolicy(ctx, {
    title: "Encryption standard",
    summary: "AES-256 at rest, TLS 1.2+ in transit; keys only in our KMS.",
  });
  const separation = await createPolicy(ctx, {
    title: "Separation of duties",
    kind: "sop",
    engagementId: payments.id,
    summary: "Vendor staff never deploy to production.",
  });
  for (const p of cleared) {
    await acknowledgePolicy(ctx, encryption.id, p.id);
    await acknowledgePolicy(ctx, separation.id, p.id);
  }

  // Payments platform: moved as far as its gates allow, with attestations and an exception for the
  // ledger. Its IP questionnaire was never sent and no contract was analysed, so it stays where its
  // records hold it; the gate panel says what is missing and where to record it.
  await recordExceptionForDemo(ctx, payments.id, ledger.id, d(180));
  await attestControl(ctx, payments.id, {
    controlId: "DD-3",
    statement:
      "Visited the Bengaluru office: badge access, clean desks, project room separated by glass wall.",
    expiresOn: d(200),
  });
  const m1 = await createMilestone(ctx, payments.id, {
    title: "Ledger service MVP",
    deliverable: "ledger-service v0.9 with reconciliation",
    amount: 120_000,
    currency: "USD",
    dueDate: d(-60),
    acceptanceDays: 10,
  });
  const m2 = await createMilestone(ctx, payments.id, {
    title: "Merchant API v1",
    amount: 90_000,
    currency: "USD",
    dueDate: d(20),
    acceptanceDays: 10,
  });
  await createMilestone(ctx, payments.id, {
    title: "Hand-over and exit",
    amount: 40_000,
    currency: "USD",
    dueDate: d(390),
    acceptanceDays: 15,
    isFinal: true,
  });
  await createMilestone(ctx, mobile.id, {
    title: "Clickable prototype",
    amount: 25_000,
    currency: "USD",
    dueDate: d(60),
    acceptanceDays: 7,
  });
  await recordDelivery(ctx, m1.id, { repository: "git.internal/payments/ledger", ref: "v0.9.0" });
  // Delivered before custody was set up: accepted manually, with the reason, as an exception.
  await decideDelivery(ctx, m1.id, {
    accept: true,
    reason: "Delivered before custody was set up: the platform team built and reviewed v0.9.0 by hand.",
  });
  await recordDelivery(ctx, m2.id, { repository: "git.internal/payments/merchant-api", ref: "v1.0.0-rc1" });

  await recordAudit(ctx, {
    vendorId: vendor.id,
    engagementId: payments.id,
    kind: "third_party",
    auditorOrg: "Deloitte Risk Advisory",
    performedOn: d(-75),
    nextDueOn: d(105),
    summary: "Access management and secure development review.",
    findings: [
      { title: "Shared test account used by QA team", severity: "high", dueOn: d(-5) },
      { title: "Laptop disk encryption not enforced on two machines", severity: "medium", dueOn: d(25) },
      { title: "Visitor log incomplete", severity: "low", dueOn: d(40) },
    ],
  });
  const decided = new Date(ctx.runtime.now().getTime() - 2 * 86_400_000);
  await recordIncident(ctx, payments.id, {
    title: "Source archive e-mailed to a personal address",
    description:
      "A developer sent a zip of merchant-api to a personal mailbox; reported by the vendor's DLP.",
    severity: "high",
    occurredAt: new Date(decided.getTime() - 86_400_000).toISOString(),
    materialityDecidedAt: decided.toISOString(),
  });
  await attestControl(ctx, payments.id, {
    controlId: "CT-12",
    statement: "MSA and SOW reviewed by outside IP counsel (Fenwick & West).",
    expiresOn: d(500),
  });
  await attestControl(ctx, payments.id, {
    controlId: "CT-13",
    statement: "Dedicated project room with badge access; VDI only; cost 18,000 USD a year.",
  });
  await tryAdvance(ctx, payments.id, 3);
  // Meanwhile someone got access without an NDA (KO-4 fails).
  const unsigned = active.find((p) => p.ndaStatus === "missing");
  if (unsigned) await grant(unsigned);
  await computeReminders(ctx.runtime.db, ctx.runtime.now());
  await refreshEvaluations(ctx.runtime.db, ctx.runtime.now());
  return { vendors: 2, engagements: 2, people: people.length, milestones: 4 };
}

async function recordExceptionForDemo(
  ctx: ServiceContext,
  engagementId: string,
  assetId: string,
  expiresOn: string,
) {
  await recordControlException(ctx, engagementId, {
    controlId: "DD-1",
    assetId,
    reason:
      "Ledger rebuild needs the source; access only through our VDI, no local copies, reviewed monthly.",
    expiresOn,
  });
}

/** Moves the engagement forward as far as its gates allow (up to `steps` stages). */
async function tryAdvance(ctx: ServiceContext, engagementId: string, steps: number) {
  for (let i = 0; i < steps; i++) {
    try {
      await advanceStage(ctx, engagementId);
    } catch (error) {
      if (error instanceof WardenError && error.code === "gate_blocked") return;
      throw error;
    }
  }
}
