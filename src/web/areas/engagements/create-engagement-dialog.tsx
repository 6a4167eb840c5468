import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Engagement } from "../../api/lifecycle-types.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { VendorSelect } from "../vendors/vendor-select.tsx";

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
  const submit = useSubmit();
  const { draft, field, update, reset, discard } = useFormFields(EMPTY, submit);

  const close = () => discard(onClose);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let created: Engagement | null = null;
    const networks = draft.approvedNetworks
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean);
    const ok = await submit.run(async () => {
      created = await api<Engagement>("/api/engagements", {
        method: "POST",
        body: {
          vendorId: vendor?.id ?? draft.vendorId,
          name: draft.name.trim(),
          scope: draft.scope,
          offshore: draft.offshore,
          ...(draft.startDate ? { startDate: draft.startDate } : {}),
          ...(draft.endDate ? { endDate: draft.endDate } : {}),
          approvedNetworks: networks,
          ...(draft.requiredInsuranceAmount
            ? {
                requiredInsuranceAmount: Number(draft.requiredInsuranceAmount),
                requiredInsuranceCurrency: draft.requiredInsuranceCurrency.trim().toUpperCase(),
              }
            : {}),
        },
      });
    });
    if (ok && created) {
      reset();
      onCreated(created);
    }
  };

  return (
    <FormDialog
      open={open}
      title={vendor ? `New engagement with ${vendor.legalName}` : "New engagement"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Create engagement"
    >
      {!vendor && <VendorSelect {...field("vendorId")} />}
      <TextField label="Name" required {...field("name")} />
      <TextAreaField label="Scope" hint="What the vendor builds or runs." {...field("scope")} />
      <CheckboxField
        label="Offshore"
        hint="Work done outside your country: crown-jewel assets then need an approved exception (DD-1)."
        checked={draft.offshore}
        onChange={(e) => update({ offshore: e.target.checked })}
      />
      <div className="form-row">
        <TextField label="Start date" type="date" {...field("startDate")} />
        <TextField label="End date" type="date" {...field("endDate")} />
      </div>
      <TextField
        label="Approved networks"
        hint="CIDR ranges the vendor may connect from, separated by commas (KO-3)."
        {...field("approvedNetworks")}
      />
      <div className="form-row">
        <TextField
          label="Required insurance cover"
          type="number"
          min={0}
          {...field("requiredInsuranceAmount")}
        />
        <TextField label="Currency" maxLength={3} {...field("requiredInsuranceCurrency")} />
      </div>
    </FormDialog>
  );
}
