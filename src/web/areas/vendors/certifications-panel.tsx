import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { VendorCertification } from "../../api/lifecycle-types.ts";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
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
  const submit = useSubmit();
  const { draft, field, reset, discard } = useFormFields(EMPTY, submit);
  const close = () => discard(() => setAdding(false));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/vendors/${props.vendorId}/certifications`, {
        method: "POST",
        body: {
          kind: draft.kind.trim(),
          ...(draft.issuer.trim() ? { issuer: draft.issuer.trim() } : {}),
          ...(draft.issuedOn ? { issuedOn: draft.issuedOn } : {}),
          expiresOn: draft.expiresOn,
        },
      }),
    );
    if (ok) {
      reset();
      setAdding(false);
      props.onChanged();
    }
  };

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
      <FormDialog
        open={adding}
        title="Add a certification"
        onClose={close}
        submit={submit}
        fields={FIELDS}
        onSubmit={save}
        label="Add certification"
      >
        <TextField label="Certification" hint="For example ISO 27001 or SOC 2 Type II." {...field("kind")} />
        <TextField label="Issuer" {...field("issuer")} />
        <TextField label="Issued on" type="date" {...field("issuedOn")} />
        <TextField label="Expires on" type="date" required {...field("expiresOn")} />
      </FormDialog>
    </SectionPanel>
  );
}
