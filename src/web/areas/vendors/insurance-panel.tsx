import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { InsuranceCertificate } from "../../api/lifecycle-types.ts";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { formatMoney } from "../../components/format-money.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { FromVendorBadge } from "./from-vendor-badge.tsx";

const EMPTY = { insurer: "", policyNumber: "", coverageAmount: "", currency: "USD", expiresOn: "" };
const FIELDS = ["insurer", "policyNumber", "coverageAmount", "currency", "expiresOn"] as const;

/** Insurance certificates (coverage, currency, expiry), and a form to add one (DD-7). */
export function InsurancePanel(props: {
  vendorId: string;
  items: InsuranceCertificate[];
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
      api(`/api/vendors/${props.vendorId}/insurance`, {
        method: "POST",
        body: {
          insurer: draft.insurer.trim(),
          ...(draft.policyNumber.trim() ? { policyNumber: draft.policyNumber.trim() } : {}),
          coverageAmount: draft.coverageAmount === "" ? undefined : Number(draft.coverageAmount),
          currency: draft.currency.trim().toUpperCase(),
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
      title="Insurance"
      actions={
        props.canWrite && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAdding(true)}
          >
            Add insurance
          </button>
        )
      }
    >
      {props.items.length === 0 ? (
        <p className="muted">No insurance certificate on file.</p>
      ) : (
        <ul className="item-list">
          {props.items.map((i) => (
            <li key={i.id} className="item-list__item">
              <span className="item-list__title">{i.insurer}</span>{" "}
              <span>{formatMoney(i.coverageAmount, i.currency)}</span>
              {i.source === "portal" && (
                <FromVendorBadge
                  by={i.submittedBy}
                  verifiedBy={i.verifiedBy}
                  verifyPath={props.canWrite ? `/api/insurance-certificates/${i.id}/verify` : undefined}
                  onVerified={props.onChanged}
                />
              )}
              <ExpiryDate date={i.expiresOn} />
            </li>
          ))}
        </ul>
      )}
      <FormDialog
        open={adding}
        title="Add an insurance certificate"
        onClose={close}
        submit={submit}
        fields={FIELDS}
        onSubmit={save}
        label="Add insurance"
      >
        <TextField label="Insurer" {...field("insurer")} />
        <TextField label="Policy number" {...field("policyNumber")} />
        <TextField
          label="Coverage amount"
          type="number"
          min={0}
          inputMode="decimal"
          {...field("coverageAmount")}
        />
        <TextField
          label="Currency"
          maxLength={3}
          hint="ISO code such as USD or EUR."
          {...field("currency")}
        />
        <TextField label="Expires on" type="date" {...field("expiresOn")} />
      </FormDialog>
    </SectionPanel>
  );
}
