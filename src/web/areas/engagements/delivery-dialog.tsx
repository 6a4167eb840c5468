import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

const EMPTY = { repository: "", ref: "", note: "" };

/** Records what was delivered for a milestone; the acceptance window starts now. */
export function DeliveryDialog(props: {
  open: boolean;
  milestone: Milestone;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields(EMPTY, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ""));
    if (
      await submit.run(() => api(`/api/milestones/${props.milestone.id}/deliver`, { method: "POST", body }))
    ) {
      reset();
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={props.open}
      title={`Delivery of ${props.milestone.title}`}
      onClose={close}
      submit={submit}
      fields={["repository", "ref", "note"]}
      onSubmit={save}
      label="Record delivery"
    >
      <TextField label="Repository" {...field("repository")} />
      <TextField label="Tag or commit" {...field("ref")} />
      <TextAreaField label="Note" {...field("note")} />
    </FormDialog>
  );
}
