import type { ContractCheck } from "./contract-types.ts";

/** The contract controls of the playbook, as the checklist names them. */
export const CONTRACT_CONTROL_TITLES: Record<string, string> = {
  "CT-1": "IP ownership assigned to us",
  "CT-2": "Confidentiality (NDA)",
  "CT-3": "Non-compete and non-solicit",
  "CT-4": "Obligations flow down",
  "CT-5": "Liability and penalties for IP loss",
  "CT-6": "Right to inspect and audit",
  "CT-7": "Security requirements spelled out",
  "CT-8": "Governing law and forum enforceable",
  "CT-9": "Insurance obligation",
  "CT-10": "Termination procedures",
  "OG-1": "Source-code escrow (custody is checked by mirroring)",
};

/** A check's status in words; "Needs review": a term could not be read, so it is not satisfied. */
export const CHECK_STATUS_LABELS: Record<ContractCheck["status"], string> = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  needs_review: "Needs review",
};
