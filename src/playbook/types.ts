import type { IsoDate } from "../domain/dates.ts";
import type { Classification, MilestoneState, Severity, Stage } from "../store/schema.ts";

export type ControlStatus = "pass" | "fail" | "warn" | "na" | "attested" | "not_checked" | "needs_review";

export type ControlCheck =
  | { kind: "rule"; rule: string }
  | { kind: "attestation" }
  | { kind: "engine"; source: "contracts" | "custody" | "access" | "leaks" | "questionnaires" };

export interface Control {
  id: string;
  stage: Exclude<Stage, "closed">;
  title: string;
  guidance: string;
  blocking: boolean;
  weight: number;
  evidence: string;
  check: ControlCheck;
  /** References into ISO/IEC 27001:2022 Annex A, SOC 2 (2017 TSC) and NIST CSF 2.0 (see the catalog's sources). */
  frameworks?: { iso27001?: string[]; soc2?: string[]; nistCsf?: string[] };
  /** Why the control maps to nothing in a framework. */
  unmapped?: { iso27001?: string; soc2?: string; nistCsf?: string };
  /** Set when the organisation turned the control off. */
  disabled?: { reason: string };
  /** Added by the organisation (not in the shipped catalog). */
  custom?: boolean;
}

export interface RecordRef {
  type: string;
  id: string;
  label?: string;
}

export interface ControlResult {
  id: string;
  stage: Control["stage"];
  title: string;
  blocking: boolean;
  weight: number;
  checkKind: ControlCheck["kind"];
  status: ControlStatus;
  reasons: string[];
  records: RecordRef[];
  /** A valid exception lets the gate pass this control although it is not satisfied. */
  exception?: { id: string; reason: string; approvedBy: string; expiresOn: IsoDate };
}

/** Everything the evaluator may look at, as plain data: the shell loads it, the core decides. */
export interface EngagementSnapshot {
  today: IsoDate;
  now: string;
  engagement: {
    id: string;
    name: string;
    stage: Stage;
    offshore: boolean;
    approvedNetworks: string[];
    requiredInsurance: { amount: number; currency: string } | null;
  };
  vendor: {
    id: string;
    legalName: string;
    country: string;
    assessedOn: IsoDate | null;
    assessmentExpiresOn: IsoDate | null;
    chainDisclosedOn: IsoDate | null;
    certifications: { id: string; kind: string; expiresOn: IsoDate }[];
    insurance: { id: string; insurer: string; amount: number; currency: string; expiresOn: IsoDate }[];
  };
  subcontractors: {
    id: string;
    legalName: string;
    country: string;
    assessedOn: IsoDate | null;
    assessmentExpiresOn: IsoDate | null;
  }[];
  assets: { id: string; name: string; kind: string; classification: Classification | null }[];
  people: {
    id: string;
    fullName: string;
    employerVendorId: string;
    startDate: IsoDate;
    endDate: IsoDate | null;
    ndaSignedOn: IsoDate | null;
    ndaExpiresOn: IsoDate | null;
    noncompeteSignedOn: IsoDate | null;
    noncompeteExpiresOn: IsoDate | null;
    trainingCompletedOn: IsoDate | null;
    certifications: { name: string; expiresOn: IsoDate | null }[];
    acknowledgedVersionIds: string[];
  }[];
  grants: {
    id: string;
    personId: string;
    system: string;
    account: string;
    scope: string[];
    reason: string;
    grantedBy: string;
    grantedOn: IsoDate;
    expiresOn: IsoDate | null;
    revokedOn: IsoDate | null;
  }[];
  policies: { id: string; title: string; currentVersion: { id: string; version: number } | null }[];
  milestones: {
    id: string;
    title: string;
    amount: number;
    currency: string;
    state: MilestoneState;
    acceptanceDays: number;
    isFinal: boolean;
    /** The delivery was accepted: by a passing verification, or manually (see below). */
    everAccepted: boolean;
    /** Set when security accepted the delivery without a passing verification: an exception. */
    manualAcceptance: { by: string; reason: string } | null;
  }[];
  audits: {
    id: string;
    kind: "internal" | "third_party";
    auditorOrg: string;
    performedOn: IsoDate;
    nextDueOn: IsoDate | null;
    findings: {
      id: string;
      title: string;
      severity: Severity;
      status: "open" | "closed";
      dueOn: IsoDate | null;
    }[];
  }[];
  evidence: {
    id: string;
    title: string;
    controls: string[];
    effectiveOn: IsoDate | null;
    expiresOn: IsoDate | null;
  }[];
  incidents: {
    id: string;
    title: string;
    disclosureDueAt: string | null;
    disclosedAt: string | null;
    status: "open" | "closed";
  }[];
  attestations: {
    id: string;
    controlId: string;
    statement: string;
    attestedBy: string;
    attestedAt: string;
    expiresOn: IsoDate | null;
    evidenceId: string | null;
  }[];
  exceptions: {
    id: string;
    controlId: string;
    assetId: string | null;
    /** Set for an exception that covers one person only (a marked copy without a valid NDA). */
    personId: string | null;
    reason: string;
    approvedBy: string;
    expiresOn: IsoDate;
  }[];
  /** Results of the engines, by control id; a missing entry means "not checked yet". */
  engineResults: Record<string, { status: ControlStatus; reasons: string[]; records: RecordRef[] }>;
  /** The jurisdiction assessment of the vendor's country, when one could be made. */
  jurisdiction: { assessed: boolean; summary: string; highRisks: string[] } | null;
  settings: PlaybookSettings;
}

export interface PlaybookSettings {
  /** Turnover above this (0.3 = 30 % a year) raises an alert. */
  turnoverThreshold: number;
  /** Internal audits at least this often. */
  auditIntervalDays: number;
  /** Third-party audits at least this often. */
  thirdPartyAuditIntervalDays: number;
  /** Below this share of people with access holding a current certification, DD-6 warns. */
  staffCertificationCoverage: number;
  /** Incidents: business days from the materiality decision to the disclosure deadline. */
  incidentDisclosureBusinessDays: number;
}

export const DEFAULT_SETTINGS: PlaybookSettings = {
  turnoverThreshold: 0.3,
  auditIntervalDays: 183,
  thirdPartyAuditIntervalDays: 365,
  staffCertificationCoverage: 0.5,
  incidentDisclosureBusinessDays: 4,
};
