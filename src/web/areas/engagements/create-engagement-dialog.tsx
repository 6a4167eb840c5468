import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Engagement } from "../../api/lifecycle-types.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { VendorSelect } from "./vendor-select.tsx";

const EMPTY = {
  vendorId: "",
  name: "",
  scope: "",
  offshore: true,
  startDate: "",
  endDate: "",
  approvedNetworks: "",
  requiredInsuranceAmount: "",
  requiredInsuranceCurrency: "USD",
};
const FIELDS = [
  "vendorId",
  "name",
  "scope",
  "startDate",
  "endDate",
  "approvedNetworks",
  "requiredInsuranceAmount",
  "requiredInsuranceCurrency",
] as const;

export interface CreateEngagementDialogProps {
  open: boolean;
  /** Preset (and fixed) when opened from a vendor's page. */
  vendor?: { id: string; legalName: string };
  onClose(): void;
  onCreated(engagement: Engagement): void;
}

/** Opens an engagement with a vendor: it starts in due diligence. */
export function CreateEngagementDialog({ open, vendor, onClose, onCreated }: CreateEngagementDialogProps) {
  const [form, setForm] = useState(EMPTY);
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const close = () => {
    if (submit.busy) return;
    setForm(EMPTY);
    submit.clear();
    onClose();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let created: Engagement | null = null;
    const networks = form.approvedNetworks
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean);
    const ok = await submit.run(async () => {
      created = await api<Engagement>("/api/engagements", {
        method: "POST",
        body: {
          vendorId: vendor?.id ?? form.vendorId,
          name: form.name.trim(),
          scope: form.scope,
          offshore: form.offshore,
          ...(form.startDate ? { startDate: form.startDate } : {}),
          ...(form.endDate ? { endDate: form.endDate } : {}),
          approvedNetworks: networks,
          ...(form.requiredInsuranceAmount
            ? {
                requiredInsuranceAmount: Number(form.requiredInsuranceAmount),
                requiredInsuranceCurrency: form.requiredInsuranceCurrency.trim().toUpperCase(),
              }
            : {}),
        },
      });
    });
    if (ok && created) {
      setForm(EMPTY);
      onCreated(created);
    }
  };

  const err = (f: string) => submit.error?.fieldMessage(f);

  return (
    <Dialog
      open={open}
      title={vendor ? `New engagement with ${vendor.legalName}` : "New engagement"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        {!vendor && <VendorSelect value={form.vendorId} onChange={set("vendorId")} error={err("vendorId")} />}
        <TextField label="Name" required value={form.name} onChange={set("name")} error={err("name")} />
        <TextAreaField
          label="Scope"
          hint="What the vendor builds or runs."
          value={form.scope}
          onChange={set("scope")}
          error={err("scope")}
        />
        <CheckboxField
          label="Offshore"
          hint="Work done outside your country: crown-jewel assets then need an approved exception (DD-1)."
          checked={form.offshore}
          onChange={(e) => setForm((f) => ({ ...f, offshore: e.target.checked }))}
        />
        <div className="form-row">
          <TextField
            label="Start date"
            type="date"
            value={form.startDate}
            onChange={set("startDate")}
            error={err("startDate")}
          />
          <TextField
            label="End date"
            type="date"
            value={form.endDate}
            onChange={set("endDate")}
            error={err("endDate")}
          />
        </div>
        <TextField
          label="Approved networks"
          hint="CIDR ranges the vendor may connect from, separated by commas (KO-3)."
          value={form.approvedNetworks}
          onChange={set("approvedNetworks")}
          error={err("approvedNetworks")}
        />
        <div className="form-row">
          <TextField
            label="Required insurance cover"
            type="number"
            min={0}
            value={form.requiredInsuranceAmount}
            onChange={set("requiredInsuranceAmount")}
            error={err("requiredInsuranceAmount")}
          />
          <TextField
            label="Currency"
            maxLength={3}
            value={form.requiredInsuranceCurrency}
            onChange={set("requiredInsuranceCurrency")}
            error={err("requiredInsuranceCurrency")}
          />
        </div>
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
            {submit.busy ? "Saving…" : "Create engagement"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
