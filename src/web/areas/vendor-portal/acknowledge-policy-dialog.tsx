import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { FileField } from "../engagements/file-field.tsx";

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
  const [acknowledgedOn, setAcknowledgedOn] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const submit = useSubmit();
  const t = props.target;
  const close = () => {
    if (submit.busy) return;
    setAcknowledgedOn("");
    setFile(null);
    submit.clear();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!t) return;
    const form = new FormData();
    form.set("meta", JSON.stringify(acknowledgedOn ? { acknowledgedOn } : {}));
    if (file) form.set("file", file, file.name);
    const ok = await submit.run(() =>
      api(`/api/portal/policies/${t.policyId}/acknowledgements/${t.personId}/upload`, {
        method: "POST",
        body: form,
      }),
    );
    if (ok) {
      setAcknowledgedOn("");
      setFile(null);
      props.onDone();
    }
  };
  return (
    <Dialog
      open={t !== null}
      title={t ? `${t.personName} acknowledges ${t.policyLabel}` : "Record an acknowledgement"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={["acknowledgedOn", "file"]} />
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Acknowledged on"
          hint="Leave empty for today."
          type="date"
          value={acknowledgedOn}
          onChange={(e) => setAcknowledgedOn(e.target.value)}
          error={submit.error?.fieldMessage("acknowledgedOn")}
        />
        <FileField
          label="Signed acknowledgement (optional)"
          hint="PDF or image; kept as evidence."
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
            {submit.busy ? "Saving…" : "Record acknowledgement"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
