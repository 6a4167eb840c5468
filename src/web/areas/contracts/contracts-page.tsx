import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Uploaded contracts and their versions",
  "Clause findings: IP ownership, confidentiality, non-compete, flow-down, liability, audit rights, governing law",
  "Legal-review sign-off by IP counsel",
] as const;

export function ContractsPage() {
  return (
    <>
      <PageHeader
        title="Contracts"
        description="Vendor contracts, read clause by clause against the playbook."
      />
      <EmptyState title="No contracts yet" upcoming={UPCOMING}>
        <p>Contract review is not available in this version yet. This area will hold:</p>
      </EmptyState>
    </>
  );
}
