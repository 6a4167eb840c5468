import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Internal and third-party audits, with the auditor's organisation",
  "Findings tracked to closure",
  "Evidence on file, with its effective date and expiry",
] as const;

export function AuditsPage() {
  return (
    <>
      <PageHeader
        title="Audits"
        description="Audits of your vendors' controls and the findings they raise."
      />
      <EmptyState title="No audits yet" upcoming={UPCOMING}>
        <p>Audits are not available in this version yet. This area will hold:</p>
      </EmptyState>
    </>
  );
}
