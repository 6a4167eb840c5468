/** The shapes the contracts API answers with (see src/services/contracts). */

export type ContractKind = "msa" | "sow" | "nda" | "subcontractor-agreement" | "person-nda";
export type ContractStatus = "queued" | "analysing" | "analysed" | "failed";
export type CheckStatus = "pass" | "fail" | "warn";

export const KIND_LABELS: Record<ContractKind, string> = {
  msa: "Master services agreement (MSA)",
  sow: "Statement of work (SOW)",
  nda: "Non-disclosure agreement (NDA)",
  "subcontractor-agreement": "Subcontractor agreement",
  "person-nda": "Personal NDA",
};

export const KIND_SHORT: Record<ContractKind, string> = {
  msa: "MSA",
  sow: "SOW",
  nda: "NDA",
  "subcontractor-agreement": "Subcontractor",
  "person-nda": "Personal NDA",
};

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  queued: "Queued",
  analysing: "Analysing…",
  analysed: "Analysed",
  failed: "Failed",
};

export interface ContractSummary {
  id: string;
  engagementId: string;
  kind: ContractKind;
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  status: ContractStatus;
  failureReason: string | null;
  format: string | null;
  pages: number | null;
  uploadedBy: string;
  createdAt: string;
  analysedAt: string | null;
}

export interface ContractListItem extends ContractSummary {
  engagementName: string;
  vendorId: string;
  vendorName: string;
  checkCounts: Record<CheckStatus, number>;
}

export interface ContractReview {
  id: string;
  target: "check" | "clause";
  control: string | null;
  clauseType: string | null;
  clauseStart: number | null;
  clauseEnd: number | null;
  decision: "confirm" | "override" | "reject";
  status: CheckStatus | null;
  comment: string;
  reviewedBy: string;
  reviewedAt: string;
}

export interface ContractClause {
  position: number;
  type: string;
  control: string | null;
  start: number;
  end: number;
  text: string;
  score: number;
  section: string | null;
  heading: string | null;
  review: ContractReview | null;
}

export interface ContractCheck {
  control: string;
  status: CheckStatus;
  reason: string;
  engineStatus: CheckStatus;
  engineReason: string;
  clausePositions: number[];
  review: ContractReview | null;
}

export interface ContractDetail extends ContractSummary {
  engagement: { id: string; name: string; vendorId: string; vendorName: string; vendorCountry: string };
  text: string | null;
  terms: unknown;
  clauses: ContractClause[];
  checks: ContractCheck[];
  missingClauseTypes: { type: string; control: string }[];
  reviews: ContractReview[];
}

/** "flow-down" → "Flow-down", "ip-assignment" → "IP assignment". */
export function clauseTypeLabel(type: string): string {
  const words = type.split("-").map((w) => (w === "ip" ? "IP" : w));
  const text = words.join(" ").replace("flow down", "flow-down").replace("non compete", "non-compete");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The highlight colour family of a clause, by the control it serves. */
export function clauseTone(control: string | null): string {
  return control ? `ct-${control.toLowerCase()}` : "ct-other";
}
