import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Documents shared with a watermark per recipient",
  "Code fingerprints of what vendors receive",
  "Suspected leaks traced back to their source",
] as const;

export function LeaksPage() {
  return (
    <>
      <PageHeader
        title="Leaks"
        description="Watermarks, fingerprints and the cases where something got out."
      />
      <EmptyState title="No leak cases yet" upcoming={UPCOMING}>
        <p>Leak watch is not available in this version yet. This area will hold:</p>
      </EmptyState>
    </>
  );
}
