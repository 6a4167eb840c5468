import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

const EMPTY = { repository: "", ref: "", note: "" };

/** Records what was delivered for a milestone; the acceptance window starts now. */
export function DeliveryDialog(props: {
  open: boolean;
  milestone: Milestone;
  onClose(): void;
  onDone(): void;
}) {
  const [form, setForm] = useState(EMPTY);
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const close = () => {
    if (submit.busy) return;
    setForm(EMPTY);
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ""));
    if (
      await submit.run(() => api(`/api/milestones/${props.milestone.id}/deliver`, { method: "POST", body }))
    ) {
      setForm(EMPTY);
      props.onDone();
    }
  };
  return (
    <Dialog open={props.open} title={`Delivery of ${props.milestone.title}`} onClose={close}>
      <FormProblem error={submit.error} fields={["repository", "ref", "note"]} />
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Repository"
          value={form.repository}
          onChange={set("repository")}
          error={submit.error?.fieldMessage("repository")}
        />
        <TextField
          label="Tag or commit"
          value={form.ref}
          onChange={set("ref")}
          error={submit.error?.fieldMessage("ref")}
        />
        <TextAreaField
          label="Note"
          value={form.note}
          onChange={set("note")}
          error={submit.error?.fieldMessage("note")}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={close} disabled={submit.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={submit.busy}
            aria-busy={submit.busy}
          >
            {submit.busy ? "Saving…" : "Record delivery"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
