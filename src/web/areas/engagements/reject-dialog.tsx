import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Rejects a delivery; a rejection says why. */
export function RejectDialog(props: {
  open: boolean;
  milestone: Milestone;
  onClose(): void;
  onDone(): void;
}) {
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const close = () => {
    if (submit.busy) return;
    setReason("");
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/milestones/${props.milestone.id}/decide`, {
        method: "POST",
        body: { accept: false, reason: reason.trim() },
      }),
    );
    if (ok) {
      setReason("");
      props.onDone();
    }
  };
  return (
    <Dialog open={props.open} title={`Reject ${props.milestone.title}`} onClose={close}>
      <FormProblem error={submit.error} fields={["reason"]} />
      <form className="form" onSubmit={save} noValidate>
        <TextAreaField
          label="Why the delivery is rejected"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={submit.error?.fieldMessage("reason")}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={close} disabled={submit.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--danger"
            disabled={submit.busy}
            aria-busy={submit.busy}
          >
            {submit.busy ? "Saving…" : "Reject delivery"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
