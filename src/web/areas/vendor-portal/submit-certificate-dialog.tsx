import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { FileField } from "../engagements/file-field.tsx";

export type CertificateKind = "certification" | "insurance";

const EMPTY = {
  kind: "",
  issuer: "",
  issuedOn: "",
  insurer: "",
  policyNumber: "",
  coverageAmount: "",
  currency: "USD",
  expiresOn: "",
};
const FIELDS = [
  "kind",
  "issuer",
  "issuedOn",
  "insurer",
  "policyNumber",
  "coverageAmount",
  "currency",
  "expiresOn",
  "file",
] as const;

/** A vendor contact uploads an organisation certification or an insurance certificate, with its file. */
export function SubmitCertificateDialog(props: {
  kind: CertificateKind | null;
  onClose(): void;
  onDone(): void;
}) {
  const [form, setForm] = useState(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const reset = () => {
    setForm(EMPTY);
    setFile(null);
    setMissingFile(false);
    submit.clear();
  };
  const close = () => {
    if (submit.busy) return;
    reset();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(!file);
    if (!file) return;
    const optional = (key: keyof typeof form) => (form[key].trim() ? { [key]: form[key].trim() } : {});
    const meta =
      props.kind === "insurance"
        ? {
            insurer: form.insurer.trim(),
            ...optional("policyNumber"),
            coverageAmount: form.coverageAmount.trim(),
            currency: form.currency.trim().toUpperCase(),
            expiresOn: form.expiresOn,
          }
        : {
            kind: form.kind.trim(),
            ...optional("issuer"),
            ...optional("issuedOn"),
            expiresOn: form.expiresOn,
          };
    const body = new FormData();
    body.set("meta", JSON.stringify(meta));
    body.set("file", file, file.name);
    const path =
      props.kind === "insurance" ? "/api/portal/insurance/upload" : "/api/portal/certifications/upload";
    const ok = await submit.run(() => api(path, { method: "POST", body }));
    if (ok) {
      reset();
      props.onDone();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);
  return (
    <Dialog
      open={props.kind !== null}
      title={props.kind === "insurance" ? "Upload an insurance certificate" : "Upload a certification"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        {props.kind === "insurance" ? (
          <>
            <TextField
              label="Insurer"
              required
              value={form.insurer}
              onChange={set("insurer")}
              error={err("insurer")}
            />
            <TextField
              label="Policy number"
              value={form.policyNumber}
              onChange={set("policyNumber")}
              error={err("policyNumber")}
            />
            <div className="form-row">
              <TextField
                label="Coverage amount"
                inputMode="decimal"
                required
                value={form.coverageAmount}
                onChange={set("coverageAmount")}
                error={err("coverageAmount")}
              />
              <TextField
                label="Currency"
                maxLength={3}
                value={form.currency}
                onChange={set("currency")}
                error={err("currency")}
              />
            </div>
          </>
        ) : (
          <>
            <TextField
              label="Certification"
              hint="For example ISO 27001 or SOC 2 Type II."
              required
              value={form.kind}
              onChange={set("kind")}
              error={err("kind")}
            />
            <TextField label="Issuer" value={form.issuer} onChange={set("issuer")} error={err("issuer")} />
            <TextField
              label="Issued on"
              type="date"
              value={form.issuedOn}
              onChange={set("issuedOn")}
              error={err("issuedOn")}
            />
          </>
        )}
        <TextField
          label="Expires on"
          type="date"
          required
          value={form.expiresOn}
          onChange={set("expiresOn")}
          error={err("expiresOn")}
        />
        <FileField
          label="Certificate file"
          hint="PDF or image."
          onFile={setFile}
          error={missingFile ? "Choose the certificate file." : err("file")}
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
