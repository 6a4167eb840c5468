import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "The vendor roster: NDAs, non-competes, certifications, training and policy acknowledgements",
  "Turnover per vendor, with an alert above the threshold",
  "Access reconciled against your directory: orphan accounts, access without an NDA, leavers still enabled",
] as const;

export function PeoplePage() {
  return (
    <>
      <PageHeader
        title="People & access"
        description="Who works on your engagements, what they signed, and what they can reach."
      />
      <EmptyState title="No people recorded yet" upcoming={UPCOMING}>
        <p>
          The roster and access reconciliation are not available in this version yet. This area will hold:
        </p>
      </EmptyState>
    </>
  );
}
