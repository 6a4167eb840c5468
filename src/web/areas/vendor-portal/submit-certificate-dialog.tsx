import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { FileField } from "../../components/file-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

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
  const submit = useSubmit();
  const { draft, field, reset, err, discard } = useFormFields(EMPTY, submit);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const dropFile = () => {
    setFile(null);
    setMissingFile(false);
  };
  const close = () =>
    discard(() => {
      dropFile();
      props.onClose();
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(!file);
    if (!file) return;
    const optional = (key: keyof typeof draft) => (draft[key].trim() ? { [key]: draft[key].trim() } : {});
    const meta =
      props.kind === "insurance"
        ? {
            insurer: draft.insurer.trim(),
            ...optional("policyNumber"),
            coverageAmount: draft.coverageAmount.trim(),
            currency: draft.currency.trim().toUpperCase(),
            expiresOn: draft.expiresOn,
          }
        : {
            kind: draft.kind.trim(),
            ...optional("issuer"),
            ...optional("issuedOn"),
            expiresOn: draft.expiresOn,
          };
    const body = new FormData();
    body.set("meta", JSON.stringify(meta));
    body.set("file", file, file.name);
    const path =
      props.kind === "insurance" ? "/api/portal/insurance/upload" : "/api/portal/certifications/upload";
    const ok = await submit.run(() => api(path, { method: "POST", body }));
    if (ok) {
      reset();
      dropFile();
      props.onDone();
    }
  };
  return (
    <FormDialog
      open={props.kind !== null}
      title={props.kind === "insurance" ? "Upload an insurance certificate" : "Upload a certification"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Upload"
      busyLabel="Uploading…"
    >
      {props.kind === "insurance" ? (
        <>
          <TextField label="Insurer" required {...field("insurer")} />
          <TextField label="Policy number" {...field("policyNumber")} />
          <div className="form-row">
            <TextField label="Coverage amount" inputMode="decimal" required {...field("coverageAmount")} />
            <TextField label="Currency" maxLength={3} {...field("currency")} />
          </div>
        </>
      ) : (
        <>
          <TextField
            label="Certification"
            hint="For example ISO 27001 or SOC 2 Type II."
            required
            {...field("kind")}
          />
          <TextField label="Issuer" {...field("issuer")} />
          <TextField label="Issued on" type="date" {...field("issuedOn")} />
        </>
      )}
      <TextField label="Expires on" type="date" required {...field("expiresOn")} />
      <FileField
        label="Certificate file"
        hint="PDF or image."
        onFile={setFile}
        error={missingFile ? "Choose the certificate file." : err("file")}
      />
    </FormDialog>
  );
}
