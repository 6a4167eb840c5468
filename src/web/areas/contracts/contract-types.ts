/** The shapes the contracts API answers with: the services' own types (src/services/contracts). */
import type { ContractReview } from "../../../services/contracts/apply-contract-reviews.ts";
import type { ContractKind, ContractStatus } from "../../../store/schema.ts";

export type {
  ContractReview,
  ReviewedCheck as ContractCheck,
} from "../../../services/contracts/apply-contract-reviews.ts";
export type { ContractSummary } from "../../../services/contracts/contract-view.ts";
export type {
  ContractClauseView as ContractClause,
  ContractDetail,
} from "../../../services/contracts/get-contract.ts";
export type { ContractListItem } from "../../../services/contracts/list-contracts.ts";
export type { ContractKind, ContractStatus };
export type CheckStatus = NonNullable<ContractReview["status"]>;

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
