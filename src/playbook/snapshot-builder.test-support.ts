import { shippedCatalog } from "./load-catalog.ts";
import { DEFAULT_SETTINGS, type EngagementSnapshot } from "./types.ts";

type Person = EngagementSnapshot["people"][number];
type Grant = EngagementSnapshot["grants"][number];
type Attestation = EngagementSnapshot["attestations"][number];
type PlaybookException = EngagementSnapshot["exceptions"][number];
type Milestone = EngagementSnapshot["milestones"][number];
type EngineResult = EngagementSnapshot["engineResults"][string];

/** The day every baseline snapshot is evaluated on. */
export const TODAY = "2026-06-15";

export function personRecord(id: string, changes: Partial<Person> = {}): Person {
  return {
    id,
    fullName: `Person ${id}`,
    employerVendorId: "v-acme",
    startDate: "2025-01-06",
    endDate: null,
    ndaSignedOn: "2025-01-02",
    ndaExpiresOn: "2028-01-01",
    noncompeteSignedOn: "2025-01-02",
    noncompeteExpiresOn: null,
    trainingCompletedOn: "2025-01-10",
    certifications: [{ name: "CISSP", expiresOn: "2027-12-31" }],
    acknowledgedVersionIds: ["pv-enc-2", "pv-fw-1"],
    ...changes,
  };
}

export function grantRecord(id: string, personId: string, changes: Partial<Grant> = {}): Grant {
  return {
    id,
    personId,
    system: "gitlab",
    account: `${personId}@acme.example`,
    scope: ["repo:payments"],
    reason: "Works on the payments module",
    grantedBy: "u-admin",
    grantedOn: "2025-01-06",
    expiresOn: null,
    revokedOn: null,
    ...changes,
  };
}

export function attestationRecord(controlId: string, changes: Partial<Attestation> = {}): Attestation {
  return {
    id: `att-${controlId}`,
    controlId,
    statement: `${controlId} holds`,
    attestedBy: "u-security",
    attestedAt: "2026-05-01T09:00:00.000Z",
    expiresOn: "2027-05-01",
    evidenceId: null,
    ...changes,
  };
}

export function exceptionRecord(
  controlId: string,
  changes: Partial<PlaybookException> = {},
): PlaybookException {
  return {
    id: `exc-${controlId}`,
    controlId,
    assetId: null,
    personId: null,
    reason: "Accepted by the CISO until the vendor re-certifies",
    approvedBy: "u-admin",
    expiresOn: "2026-09-30",
    ...changes,
  };
}

export function milestoneRecord(id: string, changes: Partial<Milestone> = {}): Milestone {
  return {
    id,
    title: `Milestone ${id}`,
    amount: 10_000,
    currency: "EUR",
    state: "planned",
    acceptanceDays: 10,
    isFinal: false,
    everAccepted: false,
    manualAcceptance: null,
    ...changes,
  };
}

export function engineResult(status: EngineResult["status"], reason = `engine says ${status}`): EngineResult {
  return { status, reasons: [reason], records: [{ type: "engine_run", id: "run-1" }] };
}

const catalog = shippedCatalog();

/**
 * An engagement on which every shipped control holds: rule controls pass,
 * attestation controls are attested, engine-fed controls carry a passing
 * engine result. A fresh object each call, so tests may change it freely.
 */
export function passingSnapshot(): EngagementSnapshot {
  const people = [personRecord("p-1"), personRecord("p-2"), personRecord("p-3")];
  return {
    today: TODAY,
    now: `${TODAY}T12:00:00.000Z`,
    engagement: {
      id: "e-1",
      name: "Payments rewrite",
      stage: "due_diligence",
      offshore: true,
      approvedNetworks: ["10.20.0.0/16"],
      requiredInsurance: { amount: 1_000_000, currency: "EUR" },
    },
    vendor: {
      id: "v-acme",
      legalName: "Acme Software Pvt Ltd",
      country: "IN",
      assessedOn: "2026-01-10",
      assessmentExpiresOn: "2027-01-10",
      chainDisclosedOn: "2026-01-12",
      certifications: [{ id: "vc-iso", kind: "ISO 27001", expiresOn: "2027-03-31" }],
      insurance: [
        { id: "ins-1", insurer: "Lloyd's", amount: 2_000_000, currency: "EUR", expiresOn: "2027-02-28" },
      ],
    },
    subcontractors: [
      {
        id: "v-sub",
        legalName: "Saigon Dev JSC",
        country: "VN",
        assessedOn: "2026-02-01",
        assessmentExpiresOn: "2027-02-01",
      },
    ],
    assets: [
      { id: "a-repo", name: "payments-service", kind: "repository", classification: "confidential" },
      { id: "a-docs", name: "API guide", kind: "document", classification: "internal" },
    ],
    people,
    grants: people.map((p) => grantRecord(`g-${p.id}`, p.id)),
    policies: [
      { id: "pol-enc", title: "Encryption", currentVersion: { id: "pv-enc-2", version: 2 } },
      { id: "pol-fw", title: "Firewall", currentVersion: { id: "pv-fw-1", version: 1 } },
    ],
    milestones: [
      milestoneRecord("m-1", { title: "Design", state: "paid", everAccepted: true }),
      milestoneRecord("m-final", { title: "Final delivery", isFinal: true }),
    ],
    audits: [
      {
        id: "au-1",
        kind: "third_party",
        auditorOrg: "KPMG",
        performedOn: "2026-03-01",
        nextDueOn: "2026-09-01",
        findings: [
          {
            id: "f-1",
            title: "Shared admin account",
            severity: "medium",
            status: "open",
            dueOn: "2026-07-01",
          },
        ],
      },
    ],
    evidence: [
      {
        id: "ev-media",
        title: "Destruction certificate",
        controls: ["TM-3"],
        effectiveOn: "2026-06-01",
        expiresOn: null,
      },
    ],
    incidents: [],
    attestations: catalog.filter((c) => c.check.kind === "attestation").map((c) => attestationRecord(c.id)),
    exceptions: [],
    engineResults: Object.fromEntries(
      catalog
        .filter((c) => c.check.kind === "engine")
        .map((c) => [c.id, engineResult("pass", `${c.id} clause found`)]),
    ),
    jurisdiction: {
      assessed: true,
      summary: "India: New York Convention member; home judgments need a fresh suit.",
      highRisks: [],
    },
    settings: { ...DEFAULT_SETTINGS },
  };
}

/** The baseline with one thing changed: `change` mutates the fresh copy. */
export function snapshotWith(change: (s: EngagementSnapshot) => void): EngagementSnapshot {
  const s = passingSnapshot();
  change(s);
  return s;
}
