import { CONTRACT_STATUS_LABELS, type ContractStatus } from "./contract-types.ts";

const TONE: Record<ContractStatus, string> = {
  queued: "neutral",
  analysing: "neutral",
  analysed: "pass",
  failed: "fail",
};

/** Where a contract's analysis stands, in words (colour only supplements). */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return (
    <span className={`contract-badge contract-badge--${TONE[status]}`}>{CONTRACT_STATUS_LABELS[status]}</span>
  );
}
