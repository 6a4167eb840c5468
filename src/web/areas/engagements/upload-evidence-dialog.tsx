import { type FormEvent, useEffect, useState } from "react";
import type { ControlResult } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { EvidenceFields, evidenceMeta } from "./evidence-fields.tsx";
import { uploadEvidence } from "./upload-evidence.ts";

const FIELDS = ["title", "controls", "effectiveOn", "expiresOn", "file"] as const;

/** Uploads an evidence file for the engagement, tagged with the controls it supports. */
export function UploadEvidenceDialog(props: {
  engagementId: string;
  /** The control the upload starts from (its id is prefilled); null closes the dialog. */
  control: ControlResult | null;
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, update, err, discard } = useFormFields(
    { title: "", controls: "", effectiveOn: "", expiresOn: "" },
    submit,
  );
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const control = props.control;

  useEffect(() => {
    if (control) update({ title: "", controls: control.id, effectiveOn: "", expiresOn: "" });
  }, [control, update]);

  const close = () =>
    discard(() => {
      setFile(null);
      setMissingFile(false);
      props.onClose();
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(!file);
    if (!file) return;
    const ok = await submit.run(() => uploadEvidence(evidenceMeta(draft, props.engagementId), file));
    if (ok) {
      setFile(null);
      props.onDone();
    }
  };

  return (
    <FormDialog
      open={control !== null}
      title={control ? `Upload evidence for ${control.id}` : "Upload evidence"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Upload"
      busyLabel="Uploading…"
    >
      <EvidenceFields
        field={field}
        error={err}
        onFile={setFile}
        missingFile={missingFile}
        controlsExample="DD-3, TM-3"
      />
    </FormDialog>
  );
}
