/** Shapes of the engagement-lifecycle API as the web UI uses them (see GET /api/openapi.json). */
import type { Stage } from "../../domain/stages.ts";

export type { Stage };

export type RiskLevel = "low" | "medium" | "high" | "critical";
export type ControlStatus = "pass" | "fail" | "warn" | "na" | "attested" | "not_checked";
export type CheckKind = "rule" | "attestation" | "engine";
export type Classification = "crown_jewel" | "confidential" | "internal" | "public";
export type AssetKind = "repository" | "dataset" | "document" | "system" | "other";
export type MilestoneState =
  | "planned"
  | "delivered"
  | "verifying"
  | "accepted"
  | "rejected"
  | "payment_approved"
  | "paid";

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
  role?: string;
}

export interface Vendor {
  id: string;
  legalName: string;
  country: string;
  parentVendorId: string | null;
  website: string | null;
  contacts: Contact[];
  internalNotes: string | null;
  assessedOn: string | null;
  assessmentExpiresOn: string | null;
  assessmentRating: "low" | "medium" | "high" | null;
  chainDisclosedOn: string | null;
  createdAt: string;
}

export interface VendorCertification {
  id: string;
  kind: string;
  issuer: string | null;
  issuedOn: string | null;
  expiresOn: string;
  evidenceId?: string | null;
  /** "portal": submitted by the vendor. */
  source?: "internal" | "portal";
  submittedBy?: string | null;
  /** Who verified a portal submission (it counts for the playbook from then on). */
  verifiedBy?: string | null;
  verifiedAt?: string | null;
}

export interface InsuranceCertificate {
  id: string;
  insurer: string;
  policyNumber?: string | null;
  coverageAmount: number;
  currency: string;
  expiresOn: string;
  evidenceId?: string | null;
  source?: "internal" | "portal";
  submittedBy?: string | null;
  /** Who verified a portal submission (it counts for the playbook from then on). */
  verifiedBy?: string | null;
  verifiedAt?: string | null;
}

export interface RiskPoint {
  controlId: string;
  title: string;
  status: ControlStatus;
  points: number;
  why: string;
}

export interface Risk {
  score: number;
  level: RiskLevel;
  points: RiskPoint[];
  fromEngagementId?: string | null;
  multiplier?: number;
  classification?: Classification | null;
}

export interface JurisdictionAdvice {
  vendor?: { alpha2: string; name: string } | null;
  home?: { alpha2: string; name: string } | null;
  recommendedForum?: {
    kind: string;
    seat?: { alpha2: string; name: string; city?: string } | null;
    rules?: string[];
    reason: string;
  } | null;
  risks?: { severity: string; topic?: string; text: string }[];
  contractShouldSay?: string[];
  disclaimer?: string;
}

export interface VendorDetail {
  vendor: Vendor;
  certifications: VendorCertification[];
  insurance: InsuranceCertificate[];
  subcontractors: Vendor[];
  engagements: {
    id: string;
    name: string;
    stage: Stage;
    risk: { score: number; level: RiskLevel };
    gateOpen: boolean;
  }[];
  risk: Risk | null;
  jurisdiction: JurisdictionAdvice | null;
}

export interface Engagement {
  id: string;
  vendorId: string;
  name: string;
  scope: string;
  stage: Stage;
  offshore: boolean;
  startDate: string | null;
  endDate: string | null;
  approvedNetworks: string[];
  requiredInsurance: { amount: number; currency: string } | null;
  stageChangedAt: string;
  createdAt: string;
}

export interface EngagementListItem extends Engagement {
  vendorName: string;
}

export interface Asset {
  id: string;
  kind: AssetKind;
  name: string;
  location: string | null;
  classification: Classification | null;
}

export interface RecordRef {
  type: string;
  id: string;
  label?: string;
}

export interface ControlException {
  id: string;
  controlId: string;
  assetId?: string | null;
  reason: string;
  expiresOn: string;
  approvedBy?: string;
}

export interface ControlResult {
  id: string;
  stage: Exclude<Stage, "closed">;
  title: string;
  blocking: boolean;
  weight: number;
  checkKind: CheckKind;
  status: ControlStatus;
  reasons: string[];
  records: RecordRef[];
  exception?: ControlException | null;
}

export interface Gate {
  stage: Stage;
  open: boolean;
  blockers: ControlResult[];
  excepted: ControlResult[];
  unchecked: ControlResult[];
}

export interface EngagementDetail {
  engagement: Engagement;
  vendor: Vendor;
  assets: Asset[];
  exceptions: ControlException[];
  evaluation: { stage: Stage; results: ControlResult[]; gate: Gate; risk: Risk };
}

/** The 409 `gate_blocked` problem's extension member. */
export interface GateBlocker {
  control: string;
  title: string;
  reasons: string[];
}

export interface Milestone {
  id: string;
  engagementId: string;
  title: string;
  deliverable: string;
  amount: string | number;
  currency: string;
  dueDate: string | null;
  acceptanceDays: number;
  isFinal: boolean;
  state: MilestoneState;
  deliveryRef: { repository?: string; ref?: string; note?: string } | null;
  deliveredAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  paymentApprovedAt: string | null;
  paidAt: string | null;
  acceptanceDueAt: string | null;
}

export interface Evidence {
  id: string;
  title: string;
  filename: string | null;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  controls: string[];
  source?: "internal" | "portal";
  uploadedBy: string | null;
  createdAt: string;
}

export interface Person {
  id: string;
  vendorId: string;
  employerVendorId: string | null;
  fullName: string;
  email: string | null;
  roleTitle: string | null;
  startDate: string | null;
  endDate: string | null;
  ndaSignedOn: string | null;
  ndaExpiresOn: string | null;
  trainingCompletedOn: string | null;
  certifications: { name: string; expiresOn?: string | null }[];
  status: "active" | "leaver";
  ndaStatus: "valid" | "expired" | "missing";
}

export interface Coverage {
  covered: number;
  total: number;
  ratio: number | null;
}

export interface RosterMetrics {
  headcount: number;
  ndaCoverage: Coverage;
  certificationCoverage: Coverage;
  turnover: { leavers: number; averageHeadcount: number; rate: number | null };
  turnoverThreshold: number;
  turnoverAlert: boolean;
  trend: { month: string; rate: number | null }[];
}

export interface RosterImportResult {
  valid: boolean;
  committed: boolean;
  rows: { line: number; fullName?: string; email?: string; errors: { column: string; message: string }[] }[];
  errorCount: number;
}

export interface HeatCell {
  score: number;
  level: RiskLevel;
  engagements: number;
}

export interface Dashboard {
  engagementsByStage: Record<Stage, number>;
  heatMap: { vendorId: string; vendorName: string; cells: Record<Stage, HeatCell | null> }[];
  expiring: {
    kind: string;
    subject: string;
    dueOn: string;
    vendorId: string | null;
    engagementId: string | null;
  }[];
  blocked: { engagementId: string; name: string; stage: Stage; blockers: string[] }[];
  totals: { vendors: number; engagements: number; people: number };
  evaluatedAt: string | null;
}

export interface AuditRecord {
  id: string;
  vendorId: string;
  vendorName: string;
  engagementId: string | null;
  kind: "internal" | "third_party";
  auditorOrg: string;
  performedOn: string;
  nextDueOn: string | null;
  summary: string;
  findings: {
    id: string;
    title: string;
    severity: "low" | "medium" | "high" | "critical";
    status: "open" | "closed";
    dueOn: string | null;
    closedOn: string | null;
  }[];
}

export interface PlaybookControl {
  id: string;
  stage: Exclude<Stage, "closed">;
  title: string;
  guidance: string;
  blocking: boolean;
  weight: number;
  evidence: string;
  check: { kind: CheckKind; rule?: string; source?: string };
  disabled?: { reason: string };
  custom?: boolean;
}

export interface PlaybookSettings {
  turnoverThreshold: number;
  auditIntervalDays: number;
  thirdPartyAuditIntervalDays: number;
  staffCertificationCoverage: number;
  incidentDisclosureBusinessDays: number;
  homeCountry: string;
}
