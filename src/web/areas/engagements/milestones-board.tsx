import { useState } from "react";
import type { Milestone, MilestoneState } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { AddMilestoneDialog } from "./add-milestone-dialog.tsx";
import { MilestoneCard } from "./milestone-card.tsx";

export const MILESTONE_COLUMNS: readonly { state: MilestoneState; label: string }[] = [
  { state: "planned", label: "Planned" },
  { state: "delivered", label: "Delivered" },
  { state: "verifying", label: "Verifying" },
  { state: "accepted", label: "Accepted" },
  { state: "rejected", label: "Rejected" },
  { state: "payment_approved", label: "Payment approved" },
  { state: "paid", label: "Paid" },
];

/** Milestones in columns by state, each card with the moves its state and your role allow. */
export function MilestonesBoard({ engagementId, onChanged }: { engagementId: string; onChanged(): void }) {
  const user = useCurrentUser();
  const list = useApi<Milestone[]>(`/api/engagements/${engagementId}/milestones`);
  const [adding, setAdding] = useState(false);
  const changed = () => {
    list.reload();
    onChanged();
  };
  const milestones = list.data ?? [];

  return (
    <SectionPanel
      anchor="milestones"
      title="Milestones"
      description="Every payment tied to a milestone with an acceptance period. A delivery is accepted by a passing verification from our mirror, or manually by security with a reason (an exception); finance approves the payment, never the one who accepted it."
      actions={
        userCan(user, "milestones.write") && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAdding(true)}
          >
            Add milestone
          </button>
        )
      }
    >
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <LoadingState label="Loading milestones…" />}
      {list.data && milestones.length === 0 && <p className="muted">No milestones yet.</p>}
      {milestones.length > 0 && (
        <div className="board" aria-busy={list.status === "loading"}>
          {MILESTONE_COLUMNS.map((column) => {
            const cards = milestones.filter((m) => m.state === column.state);
            return (
              <section
                key={column.state}
                className={`board__column${cards.length === 0 ? " board__column--empty" : ""}`}
                aria-label={`${column.label} milestones`}
              >
                <h3 className="board__title">
                  {column.label} <span className="board__count">{cards.length}</span>
                </h3>
                <ul className="board__cards">
                  {cards.map((m) => (
                    <MilestoneCard key={m.id} milestone={m} onChanged={changed} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      <AddMilestoneDialog
        open={adding}
        engagementId={engagementId}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          changed();
        }}
      />
    </SectionPanel>
  );
}
