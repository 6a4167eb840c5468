import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import type { RosterRequest, RosterRequestPage } from "../../api/portal-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { MarkLeaverDialog } from "./mark-leaver-dialog.tsx";
import { ProposeJoinerDialog } from "./propose-joiner-dialog.tsx";
import { describeRosterRequest, RosterRequestStatus } from "./roster-request-status.tsx";

/**
 * The vendor's roster changes: joiners and leavers it proposed, each with its review status and,
 * when rejected, the reason; pending ones can be withdrawn.
 */
export function RosterRequestsPanel(props: {
  vendor: Vendor;
  subcontractors: Vendor[];
  engagements: { id: string; name: string }[];
}) {
  const requests = useApi<RosterRequestPage>("/api/portal/roster-requests?limit=100");
  const [dialog, setDialog] = useState<"joiner" | "leaver" | null>(null);
  const [withdrawing, setWithdrawing] = useState<RosterRequest | null>(null);
  const done = () => {
    setDialog(null);
    requests.reload();
  };
  return (
    <SectionPanel
      title="Roster changes"
      description="Joiners and leavers you propose reach the roster once your client's security team approves them."
      actions={
        <>
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => setDialog("joiner")}
          >
            Propose a joiner
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setDialog("leaver")}
          >
            Mark a leaver
          </button>
        </>
      }
    >
      {requests.status === "error" && <ErrorState error={requests.error} onRetry={requests.reload} />}
      {requests.status === "loading" && !requests.data && (
        <LoadingState label="Loading your roster changes…" />
      )}
      {requests.data && requests.data.items.length === 0 && (
        <p className="muted">No roster change proposed yet.</p>
      )}
      {requests.data && requests.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your roster changes</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Change</th>
                <th scope="col">Proposed</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="table__primary">
                    {r.fullName}
                  </th>
                  <td>{describeRosterRequest(r, formatDate)}</td>
                  <td className="nowrap">{formatDate(r.requestedAt)}</td>
                  <td>
                    <RosterRequestStatus status={r.status} />
                    {r.reviewReason && <p className="muted">{r.reviewReason}</p>}
                  </td>
                  <td>
                    {r.status === "pending" && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setWithdrawing(r)}
                      >
                        Withdraw
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProposeJoinerDialog
        open={dialog === "joiner"}
        vendor={props.vendor}
        subcontractors={props.subcontractors}
        engagements={props.engagements}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <MarkLeaverDialog
        open={dialog === "leaver"}
        vendorId={props.vendor.id}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <ConfirmDialog
        open={withdrawing !== null}
        title="Withdraw this change?"
        message={withdrawing ? `The proposed change for ${withdrawing.fullName} will not be reviewed.` : ""}
        confirmLabel="Withdraw"
        tone="danger"
        onConfirm={async () => {
          await api(`/api/portal/roster-requests/${withdrawing?.id}/withdraw`, { method: "POST" });
          requests.reload();
        }}
        onClose={() => setWithdrawing(null)}
      />
    </SectionPanel>
  );
}
