import { type FormEvent, useEffect, useState } from "react";
import type { ControlResult } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { EvidenceFields, parseControlIds } from "./evidence-fields.tsx";
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
  const [form, setForm] = useState({ title: "", controls: "", effectiveOn: "", expiresOn: "" });
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const submit = useSubmit();
  const control = props.control;

  useEffect(() => {
    if (control) setForm({ title: "", controls: control.id, effectiveOn: "", expiresOn: "" });
  }, [control]);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const close = () => {
    if (submit.busy) return;
    setFile(null);
    setMissingFile(false);
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(!file);
    if (!file) return;
    const ok = await submit.run(() =>
      uploadEvidence(
        {
          title: form.title.trim(),
          engagementId: props.engagementId,
          controls: parseControlIds(form.controls),
          ...(form.effectiveOn ? { effectiveOn: form.effectiveOn } : {}),
          ...(form.expiresOn ? { expiresOn: form.expiresOn } : {}),
        },
        file,
      ),
    );
    if (ok) {
      setFile(null);
      props.onDone();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);

  return (
    <Dialog
      open={control !== null}
      title={control ? `Upload evidence for ${control.id}` : "Upload evidence"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <EvidenceFields
          form={form}
          set={set}
          error={err}
          onFile={setFile}
          missingFile={missingFile}
          controlsExample="DD-3, TM-3"
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
            {submit.busy ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
