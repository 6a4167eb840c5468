import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

const EMPTY = {
  title: "",
  deliverable: "",
  amount: "",
  currency: "USD",
  dueDate: "",
  acceptanceDays: "10",
  isFinal: false,
};
const FIELDS = ["title", "deliverable", "amount", "currency", "dueDate", "acceptanceDays"] as const;

/** Plans a milestone: deliverable, amount, due date and the days allowed to accept it (CT-11). */
export function AddMilestoneDialog(props: {
  open: boolean;
  engagementId: string;
  onClose(): void;
  onAdded(): void;
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
    const ok = await submit.run(() =>
      api(`/api/engagements/${props.engagementId}/milestones`, {
        method: "POST",
        body: {
          title: form.title.trim(),
          deliverable: form.deliverable,
          amount: form.amount === "" ? undefined : Number(form.amount),
          currency: form.currency.trim().toUpperCase(),
          ...(form.dueDate ? { dueDate: form.dueDate } : {}),
          acceptanceDays: Number(form.acceptanceDays),
          isFinal: form.isFinal,
        },
      }),
    );
    if (ok) {
      setForm(EMPTY);
      props.onAdded();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);
  return (
    <Dialog open={props.open} title="Add a milestone" onClose={close}>
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <TextField label="Milestone" value={form.title} onChange={set("title")} error={err("title")} />
        <TextField
          label="Deliverable"
          value={form.deliverable}
          onChange={set("deliverable")}
          error={err("deliverable")}
        />
        <div className="form-row">
          <TextField
            label="Amount"
            type="number"
            min={0}
            value={form.amount}
            onChange={set("amount")}
            error={err("amount")}
          />
          <TextField
            label="Currency"
            maxLength={3}
            value={form.currency}
            onChange={set("currency")}
            error={err("currency")}
          />
        </div>
        <div className="form-row">
          <TextField
            label="Due date"
            type="date"
            value={form.dueDate}
            onChange={set("dueDate")}
            error={err("dueDate")}
          />
          <TextField
            label="Days to accept"
            type="number"
            min={1}
            value={form.acceptanceDays}
            onChange={set("acceptanceDays")}
            error={err("acceptanceDays")}
          />
        </div>
        <CheckboxField
          label="Final milestone"
          hint="Its payment waits for the termination checks (TM-5)."
          checked={form.isFinal}
          onChange={(e) => setForm((f) => ({ ...f, isFinal: e.target.checked }))}
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
            {submit.busy ? "Saving…" : "Add milestone"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
