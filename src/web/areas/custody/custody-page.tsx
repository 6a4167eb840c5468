import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Every vendor repository mirrored to your storage, and how fresh each mirror is",
  "History rewrites detected and the overwritten commits preserved",
  "Deliveries built, tested and scanned from your own mirror before acceptance",
] as const;

export function CustodyPage() {
  return (
    <>
      <PageHeader
        title="Code custody"
        description="Your code, kept in your hands while a vendor writes it."
      />
      <EmptyState title="No repositories mirrored yet" upcoming={UPCOMING}>
        <p>Code custody is not available in this version yet. This area will hold:</p>
      </EmptyState>
    </>
  );
}
