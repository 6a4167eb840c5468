import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Legal name, country and contacts",
  "Organisation certifications (ISO 27001, SOC 2) with their expiry",
  "The subcontractor chain, each subcontractor assessed like the vendor",
  "A risk score: the worst of the vendor's engagements, every point explained",
] as const;

export function VendorsPage() {
  return (
    <>
      <PageHeader
        title="Vendors"
        description="The companies you outsource to, and the subcontractors they bring."
      />
      <EmptyState title="No vendors yet" upcoming={UPCOMING}>
        <p>Recording vendors is not available in this version yet. This area will hold, for each vendor:</p>
      </EmptyState>
    </>
  );
}
