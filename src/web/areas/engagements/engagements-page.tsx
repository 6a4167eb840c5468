import { EmptyState } from "../../components/empty-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";

const UPCOMING = [
  "Its stage: due diligence, contract, kick-off, ongoing, termination, closed",
  "Every playbook control of the stage: pass, fail, warn or attested, with the reasons",
  "The assets it touches, classified crown jewel, confidential, internal or public",
  "Milestones, evidence, exceptions and their expiry",
] as const;

export function EngagementsPage() {
  return (
    <>
      <PageHeader
        title="Engagements"
        description="Each outsourcing engagement, run through the playbook stage by stage."
      />
      <EmptyState title="No engagements yet" upcoming={UPCOMING}>
        <p>Engagements are not available in this version yet. Each one will show:</p>
      </EmptyState>
    </>
  );
}
