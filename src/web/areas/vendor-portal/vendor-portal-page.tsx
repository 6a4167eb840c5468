import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "See your organisation's engagements (and only yours)",
  "Keep your staff roster current",
  "Answer questionnaires and upload certificates and evidence",
  "Acknowledge policies",
] as const;

export function VendorPortalPage() {
  return (
    <>
      <PageHeader
        title="Vendor portal"
        description="Your organisation's part in the engagements you work on."
      />
      <EmptyState title="Nothing to do yet" upcoming={UPCOMING}>
        <p>The vendor portal is not available in this version yet. Here you will:</p>
      </EmptyState>
    </>
  );
}
