import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { RosterRequest, RosterRequestPage } from "../../api/portal-types.ts";
import type { ApiData } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { describeRosterRequest } from "../vendor-portal/roster-request-status.tsx";

/**
 * The security team's queue of roster changes a vendor proposed: approve applies the change to
 * the roster, reject sends the reason back to the vendor. `queue` is the vendor page's pending list.
 */
export function RosterReviewQueue(props: { queue: ApiData<RosterRequestPage>; onDecided(): void }) {
  const user = useCurrentUser();
  const canReview = userCan(user, "roster.write");
  const [rejecting, setRejecting] = useState<RosterRequest | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { queue } = props;
  const items = queue.data?.items ?? [];
  if (queue.status === "error") return <ErrorState error={queue.error} onRetry={queue.reload} />;
  if (!queue.data || items.length === 0) return null;

  const approve = async (r: RosterRequest) => {
    setApproving(r.id);
    setProblem(null);
    try {
      await api(`/api/roster-requests/${r.id}/approve`, { method: "POST" });
      props.onDecided();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : "The change could not be approved.");
    } finally {
      setApproving(null);
    }
  };

  return (
    <SectionPanel
      title={`Roster changes to review (${queue.data.pending})`}
      description="Joiners and leavers the vendor proposed. Nothing reaches the roster until you approve it."
    >
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="table-wrap">
        <table className="table table--dense">
          <caption className="visually-hidden">Roster changes to review</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Change</th>
              <th scope="col">NDA</th>
              <th scope="col">Proposed</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="table__primary">
                  {r.fullName}
                  {r.joiner?.person.email && <span className="table__sub">{r.joiner.person.email}</span>}
                </th>
                <td>{describeRosterRequest(r, formatDate)}</td>
                <td className="nowrap">
                  {r.joiner
                    ? r.joiner.person.ndaSignedOn
                      ? formatDate(r.joiner.person.ndaSignedOn)
                      : "None"
                    : "—"}
                </td>
                <td className="nowrap">
                  {formatDate(r.requestedAt)}
                  <span className="table__sub">by {r.requestedBy}</span>
                </td>
                <td className="nowrap">
                  {canReview && (
                    <>
                      <BusyButton
                        type="button"
                        className="button button--primary button--small"
                        aria-label={`Approve ${r.fullName}`}
                        disabled={approving !== null}
                        busy={approving === r.id}
                        busyLabel="Approving…"
                        onClick={() => approve(r)}
                      >
                        Approve
                      </BusyButton>{" "}
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Reject ${r.fullName}`}
                        disabled={approving !== null}
                        onClick={() => setRejecting(r)}
                      >
                        Reject
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RejectRosterRequestDialog
        request={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          props.onDecided();
        }}
      />
    </SectionPanel>
  );
}

function RejectRosterRequestDialog(props: {
  request: RosterRequest | null;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields({ reason: "" }, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/roster-requests/${props.request?.id}/reject`, {
        method: "POST",
        body: { reason: draft.reason.trim() },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={props.request !== null}
      title={props.request ? `Reject the change for ${props.request.fullName}` : "Reject"}
      onClose={close}
      submit={submit}
      fields={["reason"]}
      onSubmit={save}
      label="Reject change"
      tone="danger"
    >
      <TextAreaField label="Why (the vendor reads this)" {...field("reason")} />
    </FormDialog>
  );
}
