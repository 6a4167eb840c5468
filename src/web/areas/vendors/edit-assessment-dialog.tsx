import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
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
  const [form, setForm] = useState(() => fromVendor(vendor));
  const submit = useSubmit();
  useEffect(() => {
    if (open) setForm(fromVendor(vendor));
  }, [open, vendor]);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api(`/api/vendors/${vendor.id}`, {
        method: "PATCH",
        body: {
          assessedOn: form.assessedOn || null,
          assessmentExpiresOn: form.assessmentExpiresOn || null,
          assessmentRating: form.assessmentRating || null,
          chainDisclosedOn: form.chainDisclosedOn || null,
        },
      }),
    );
    if (ok) onSaved();
  };
  const err = (f: string) => submit.error?.fieldMessage(f);

  return (
    <Dialog
      open={open}
      title="Assessment and chain disclosure"
      onClose={() => {
        if (!submit.busy) {
          submit.clear();
          onClose();
        }
      }}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Assessed on"
          type="date"
          value={form.assessedOn}
          onChange={set("assessedOn")}
          error={err("assessedOn")}
        />
        <TextField
          label="Assessment valid until"
          type="date"
          value={form.assessmentExpiresOn}
          onChange={set("assessmentExpiresOn")}
          error={err("assessmentExpiresOn")}
        />
        <SelectField
          label="Rating"
          options={RATINGS}
          value={form.assessmentRating}
          onChange={set("assessmentRating")}
          error={err("assessmentRating")}
        />
        <TextField
          label="Subcontractor chain disclosed on"
          type="date"
          hint="The date the vendor told you who it subcontracts to, even if it named none (DD-5)."
          value={form.chainDisclosedOn}
          onChange={set("chainDisclosedOn")}
          error={err("chainDisclosedOn")}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={submit.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={submit.busy}
            aria-busy={submit.busy}
          >
            {submit.busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
