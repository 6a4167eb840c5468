import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
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
  const submit = useSubmit();
  const { draft, field, update, reset, discard } = useFormFields(EMPTY, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/engagements/${props.engagementId}/milestones`, {
        method: "POST",
        body: {
          title: draft.title.trim(),
          deliverable: draft.deliverable,
          amount: draft.amount === "" ? undefined : Number(draft.amount),
          currency: draft.currency.trim().toUpperCase(),
          ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
          acceptanceDays: Number(draft.acceptanceDays),
          isFinal: draft.isFinal,
        },
      }),
    );
    if (ok) {
      reset();
      props.onAdded();
    }
  };
  return (
    <FormDialog
      open={props.open}
      title="Add a milestone"
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Add milestone"
    >
      <TextField label="Milestone" {...field("title")} />
      <TextField label="Deliverable" {...field("deliverable")} />
      <div className="form-row">
        <TextField label="Amount" type="number" min={0} {...field("amount")} />
        <TextField label="Currency" maxLength={3} {...field("currency")} />
      </div>
      <div className="form-row">
        <TextField label="Due date" type="date" {...field("dueDate")} />
        <TextField label="Days to accept" type="number" min={1} {...field("acceptanceDays")} />
      </div>
      <CheckboxField
        label="Final milestone"
        hint="Its payment waits for the termination checks (TM-5)."
        checked={draft.isFinal}
        onChange={(e) => update({ isFinal: e.target.checked })}
      />
    </FormDialog>
  );
}
