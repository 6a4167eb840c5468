import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { VendorCertification } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { FromVendorBadge } from "./from-vendor-badge.tsx";

const EMPTY = { kind: "", issuer: "", issuedOn: "", expiresOn: "" };
const FIELDS = ["kind", "issuer", "issuedOn", "expiresOn"] as const;

/** Organisation certifications (ISO 27001, SOC 2…) with their expiry, and a form to add one. */
export function CertificationsPanel(props: {
  vendorId: string;
  items: VendorCertification[];
  canWrite: boolean;
  onChanged(): void;
}) {
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const close = () => {
    if (submit.busy) return;
    setForm(EMPTY);
    submit.clear();
    setAdding(false);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/vendors/${props.vendorId}/certifications`, {
        method: "POST",
        body: {
          kind: form.kind.trim(),
          ...(form.issuer.trim() ? { issuer: form.issuer.trim() } : {}),
          ...(form.issuedOn ? { issuedOn: form.issuedOn } : {}),
          expiresOn: form.expiresOn,
        },
      }),
    );
    if (ok) {
      setForm(EMPTY);
      setAdding(false);
      props.onChanged();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);

  return (
    <SectionPanel
      title="Certifications"
      actions={
        props.canWrite && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAdding(true)}
          >
            Add certification
          </button>
        )
      }
    >
      {props.items.length === 0 ? (
        <p className="muted">No organisation certification on file.</p>
      ) : (
        <ul className="item-list">
          {props.items.map((c) => (
            <li key={c.id} className="item-list__item">
              <span className="item-list__title">{c.kind}</span>
              {c.issuer && <span className="muted"> by {c.issuer}</span>}
              {c.source === "portal" && (
                <FromVendorBadge
                  by={c.submittedBy}
                  verifiedBy={c.verifiedBy}
                  verifyPath={props.canWrite ? `/api/vendor-certifications/${c.id}/verify` : undefined}
                  onVerified={props.onChanged}
                />
              )}
              <ExpiryDate date={c.expiresOn} />
            </li>
          ))}
        </ul>
      )}
      <Dialog open={adding} title="Add a certification" onClose={close}>
        <FormProblem error={submit.error} fields={FIELDS} />
        <form className="form" onSubmit={save} noValidate>
          <TextField
            label="Certification"
            hint="For example ISO 27001 or SOC 2 Type II."
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
          <TextField
            label="Expires on"
            type="date"
            required
            value={form.expiresOn}
            onChange={set("expiresOn")}
            error={err("expiresOn")}
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
              {submit.busy ? "Saving…" : "Add certification"}
            </button>
          </div>
        </form>
      </Dialog>
    </SectionPanel>
  );
}
