import { type FormEvent, useEffect } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

const RATINGS = [
  { value: "", label: "Not rated" },
  { value: "low", label: "Low risk" },
  { value: "medium", label: "Medium risk" },
  { value: "high", label: "High risk" },
] as const;
const FIELDS = ["assessedOn", "assessmentExpiresOn", "assessmentRating", "chainDisclosedOn"] as const;

function fromVendor(v: Vendor) {
  return {
    assessedOn: v.assessedOn ?? "",
    assessmentExpiresOn: v.assessmentExpiresOn ?? "",
    assessmentRating: v.assessmentRating ?? "",
    chainDisclosedOn: v.chainDisclosedOn ?? "",
  };
}

/** The vendor's assessment (DD-5 reads it for subcontractors) and the date it disclosed its chain. */
export function EditAssessmentDialog({
  open,
  vendor,
  onClose,
  onSaved,
}: {
  open: boolean;
  vendor: Vendor;
  onClose(): void;
  onSaved(): void;
}) {
  const submit = useSubmit();
  const { draft, field, update, discard } = useFormFields(fromVendor(vendor), submit);
  useEffect(() => {
    if (open) update(fromVendor(vendor));
  }, [open, vendor, update]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/vendors/${vendor.id}`, {
        method: "PATCH",
        body: {
          assessedOn: draft.assessedOn || null,
          assessmentExpiresOn: draft.assessmentExpiresOn || null,
          assessmentRating: draft.assessmentRating || null,
          chainDisclosedOn: draft.chainDisclosedOn || null,
        },
      }),
    );
    if (ok) onSaved();
  };

  const close = () => discard(onClose);
  return (
    <FormDialog
      open={open}
      title="Assessment and chain disclosure"
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Save"
    >
      <TextField label="Assessed on" type="date" {...field("assessedOn")} />
      <TextField label="Assessment valid until" type="date" {...field("assessmentExpiresOn")} />
      <SelectField label="Rating" options={RATINGS} {...field("assessmentRating")} />
      <TextField
        label="Subcontractor chain disclosed on"
        type="date"
        hint="The date the vendor told you who it subcontracts to, even if it named none (DD-5)."
        {...field("chainDisclosedOn")}
      />
    </FormDialog>
  );
}
