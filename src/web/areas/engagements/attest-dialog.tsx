import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ControlResult } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { FileField } from "./file-field.tsx";
import { uploadEvidence } from "./upload-evidence.ts";

const FIELDS = ["statement", "expiresOn", "evidenceId", "title", "file"] as const;

/** Attests a manual control: what was checked, until when, and optionally the evidence file. */
export function AttestDialog(props: {
  engagementId: string;
  control: ControlResult | null;
  onClose(): void;
  onDone(): void;
}) {
  const [statement, setStatement] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const submit = useSubmit();
  const control = props.control;

  const reset = () => {
    setStatement("");
    setExpiresOn("");
    setFile(null);
    submit.clear();
  };
  const close = () => {
    if (submit.busy) return;
    reset();
    props.onClose();
  };
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
              ...(expiresOn ? { expiresOn } : {}),
            },
            file,
          )
        : null;
      await api(`/api/engagements/${props.engagementId}/attestations`, {
        method: "POST",
        body: {
          controlId: control.id,
          statement: statement.trim(),
          ...(evidence ? { evidenceId: evidence.id } : {}),
          ...(expiresOn ? { expiresOn } : {}),
        },
      });
    });
    if (ok) {
      reset();
      props.onDone();
    }
  };

  return (
    <Dialog open={control !== null} title={control ? `Attest ${control.id}` : "Attest"} onClose={close}>
      {control && (
        <p className="muted">
          {control.title}. {control.reasons.join(" ")}
        </p>
      )}
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <TextAreaField
          label="What you checked"
          hint="Your statement is recorded with your name and the time."
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          error={submit.error?.fieldMessage("statement")}
        />
        <TextField
          label="Holds until"
          type="date"
          hint="Leave empty if it does not expire."
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          error={submit.error?.fieldMessage("expiresOn")}
        />
        <FileField
          label="Evidence file (optional)"
          onFile={setFile}
          error={submit.error?.fieldMessage("file")}
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
            {submit.busy ? "Saving…" : "Record attestation"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
