import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ControlResult } from "../../api/lifecycle-types.ts";
import { FileField } from "../../components/file-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { uploadEvidence } from "./upload-evidence.ts";

const FIELDS = ["statement", "expiresOn", "evidenceId", "title", "file"] as const;

/** Attests a manual control: what was checked, until when, and optionally the evidence file. */
export function AttestDialog(props: {
  engagementId: string;
  control: ControlResult | null;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, reset, err, discard } = useFormFields({ statement: "", expiresOn: "" }, submit);
  const [file, setFile] = useState<File | null>(null);
  const control = props.control;

  const close = () =>
    discard(() => {
      setFile(null);
      props.onClose();
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!control) return;
    const ok = await submit.run(async () => {
      const evidence = file
        ? await uploadEvidence(
            {
              title: `${control.id} ${control.title}`,
              engagementId: props.engagementId,
              controls: [control.id],
              ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}),
            },
            file,
          )
        : null;
      await api(`/api/engagements/${props.engagementId}/attestations`, {
        method: "POST",
        body: {
          controlId: control.id,
          statement: draft.statement.trim(),
          ...(evidence ? { evidenceId: evidence.id } : {}),
          ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}),
        },
      });
    });
    if (ok) {
      reset();
      setFile(null);
      props.onDone();
    }
  };

  return (
    <FormDialog
      open={control !== null}
      title={control ? `Attest ${control.id}` : "Attest"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Record attestation"
      intro={
        control && (
          <p className="muted">
            {control.title}. {control.reasons.join(" ")}
          </p>
        )
      }
    >
      <TextAreaField
        label="What you checked"
        hint="Your statement is recorded with your name and the time."
        {...field("statement")}
      />
      <TextField
        label="Holds until"
        type="date"
        hint="Leave empty if it does not expire."
        {...field("expiresOn")}
      />
      <FileField label="Evidence file (optional)" onFile={setFile} error={err("file")} />
    </FormDialog>
  );
}
