import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { PlaybookControl } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Turns a control off (a reason is required, it shows on every engagement) or on again. */
export function ControlStateDialog(props: {
  control: PlaybookControl | null;
  onClose(): void;
  onDone(): void;
}) {
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const submit = useSubmit();
  const c = props.control;
  const turningOff = c ? !c.disabled : false;

  const close = () => {
    if (submit.busy) return;
    setReason("");
    setLocalError(null);
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!c) return;
    if (turningOff && reason.trim().length < 5) {
      setLocalError("Say why the control is turned off (at least 5 characters).");
      return;
    }
    setLocalError(null);
    const ok = await submit.run(() =>
      api(`/api/playbook/controls/${encodeURIComponent(c.id)}/state`, {
        method: "POST",
        body: { disabled: turningOff, ...(turningOff ? { reason: reason.trim() } : {}) },
      }),
    );
    if (ok) {
      setReason("");
      props.onDone();
    }
  };

  return (
    <Dialog
      open={c !== null}
      title={c ? `${turningOff ? "Turn off" : "Turn on"} ${c.id}` : ""}
      onClose={close}
    >
      {c && <p>{c.title}</p>}
      <FormProblem error={submit.error} fields={["reason"]} />
      <form className="form" onSubmit={save} noValidate>
        {turningOff && (
          <TextAreaField
            label="Reason"
            required
            hint="Shown on every engagement instead of the control's result."
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={localError ?? submit.error?.fieldMessage("reason")}
          />
        )}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={close} disabled={submit.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${turningOff ? "button--danger" : "button--primary"}`}
            disabled={submit.busy}
            aria-busy={submit.busy}
          >
            {submit.busy ? "Saving…" : turningOff ? "Turn off" : "Turn on"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
