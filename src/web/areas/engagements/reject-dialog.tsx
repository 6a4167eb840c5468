import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

/** Rejects a delivery; a rejection says why. */
export function RejectDialog(props: {
  open: boolean;
  milestone: Milestone;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields({ reason: "" }, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/milestones/${props.milestone.id}/decide`, {
        method: "POST",
        body: { accept: false, reason: draft.reason.trim() },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={props.open}
      title={`Reject ${props.milestone.title}`}
      onClose={close}
      submit={submit}
      fields={["reason"]}
      onSubmit={save}
      label="Reject delivery"
      tone="danger"
    >
      <TextAreaField label="Why the delivery is rejected" {...field("reason")} />
    </FormDialog>
  );
}
