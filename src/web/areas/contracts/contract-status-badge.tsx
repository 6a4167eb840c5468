import { CONTRACT_STATUS_LABELS, type ContractStatus } from "./contract-types.ts";

const TONE: Record<ContractStatus, string> = {
  queued: "not_checked",
  analysing: "not_checked",
  analysed: "pass",
  failed: "fail",
};

/** Where a contract's analysis stands, in words (colour only supplements). */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return (
    <span className={`control-status control-status--${TONE[status]}`}>{CONTRACT_STATUS_LABELS[status]}</span>
  );
}
