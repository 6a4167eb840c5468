import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { FileField } from "../../components/file-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

export interface AcknowledgementTarget {
  policyId: string;
  policyLabel: string;
  personId: string;
  personName: string;
}

/** Records that one of the vendor's people acknowledged a policy: the date and, optionally, the signed copy. */
export function AcknowledgePolicyDialog(props: {
  target: AcknowledgementTarget | null;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, err, discard } = useFormFields({ acknowledgedOn: "" }, submit);
  const [file, setFile] = useState<File | null>(null);
  const t = props.target;
  const close = () =>
    discard(() => {
      setFile(null);
      props.onClose();
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!t) return;
    const form = new FormData();
    form.set("meta", JSON.stringify(draft.acknowledgedOn ? { acknowledgedOn: draft.acknowledgedOn } : {}));
    if (file) form.set("file", file, file.name);
    const ok = await submit.run(() =>
      api(`/api/portal/policies/${t.policyId}/acknowledgements/${t.personId}/upload`, {
        method: "POST",
        body: form,
      }),
    );
    if (ok) {
      reset();
      setFile(null);
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={t !== null}
      title={t ? `${t.personName} acknowledges ${t.policyLabel}` : "Record an acknowledgement"}
      onClose={close}
      submit={submit}
      fields={["acknowledgedOn", "file"]}
      onSubmit={save}
      label="Record acknowledgement"
    >
      <TextField
        label="Acknowledged on"
        hint="Leave empty for today."
        type="date"
        {...field("acknowledgedOn")}
      />
      <FileField
        label="Signed acknowledgement (optional)"
        hint="PDF or image; kept as evidence."
        onFile={setFile}
        error={err("file")}
      />
    </FormDialog>
  );
}
