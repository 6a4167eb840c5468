import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { InsuranceCertificate } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { formatMoney } from "../../components/format-money.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextField } from "../../components/text-field.tsx";
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
      api(`/api/vendors/${props.vendorId}/insurance`, {
        method: "POST",
        body: {
          insurer: form.insurer.trim(),
          ...(form.policyNumber.trim() ? { policyNumber: form.policyNumber.trim() } : {}),
          coverageAmount: form.coverageAmount === "" ? undefined : Number(form.coverageAmount),
          currency: form.currency.trim().toUpperCase(),
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
      <Dialog open={adding} title="Add an insurance certificate" onClose={close}>
        <FormProblem error={submit.error} fields={FIELDS} />
        <form className="form" onSubmit={save} noValidate>
          <TextField label="Insurer" value={form.insurer} onChange={set("insurer")} error={err("insurer")} />
          <TextField
            label="Policy number"
            value={form.policyNumber}
            onChange={set("policyNumber")}
            error={err("policyNumber")}
          />
          <TextField
            label="Coverage amount"
            type="number"
            min={0}
            inputMode="decimal"
            value={form.coverageAmount}
            onChange={set("coverageAmount")}
            error={err("coverageAmount")}
          />
          <TextField
            label="Currency"
            maxLength={3}
            hint="ISO code such as USD or EUR."
            value={form.currency}
            onChange={set("currency")}
            error={err("currency")}
          />
          <TextField
            label="Expires on"
            type="date"
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
              {submit.busy ? "Saving…" : "Add insurance"}
            </button>
          </div>
        </form>
      </Dialog>
    </SectionPanel>
  );
}
