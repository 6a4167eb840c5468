import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

const EMPTY = {
  legalName: "",
  country: "",
  website: "",
  contactName: "",
  contactEmail: "",
  internalNotes: "",
};
const FIELDS = ["legalName", "country", "website", "contacts", "internalNotes"] as const;

export interface CreateVendorDialogProps {
  open: boolean;
  /** Set to record a subcontractor of this vendor. */
  parent?: { id: string; legalName: string };
  onClose(): void;
  onCreated(vendor: Vendor): void;
}

/** A new vendor (or subcontractor): legal name, country, website, a first contact and notes. */
export function CreateVendorDialog({ open, parent, onClose, onCreated }: CreateVendorDialogProps) {
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
    let created: Vendor | null = null;
    const ok = await submit.run(async () => {
      created = await api<Vendor>("/api/vendors", {
        method: "POST",
        body: {
          legalName: form.legalName.trim(),
          country: form.country.trim().toUpperCase(),
          ...(form.website.trim() ? { website: form.website.trim() } : {}),
          ...(form.contactName.trim()
            ? {
                contacts: [
                  {
                    name: form.contactName.trim(),
                    ...(form.contactEmail.trim() ? { email: form.contactEmail.trim() } : {}),
                  },
                ],
              }
            : {}),
          ...(form.internalNotes.trim() ? { internalNotes: form.internalNotes } : {}),
          ...(parent ? { parentVendorId: parent.id } : {}),
        },
      });
    });
    if (ok && created) {
      setForm(EMPTY);
      onCreated(created);
    }
  };

  const err = (field: string) => submit.error?.fieldMessage(field);
  return (
    <Dialog
      open={open}
      title={parent ? `New subcontractor of ${parent.legalName}` : "New vendor"}
      onClose={close}
    >
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Legal name"
          name="legalName"
          required
          value={form.legalName}
          onChange={set("legalName")}
          error={err("legalName")}
        />
        <TextField
          label="Country"
          name="country"
          required
          maxLength={2}
          hint="Two-letter ISO code, such as IN for India or VN for Viet Nam."
          value={form.country}
          onChange={set("country")}
          error={err("country")}
        />
        <TextField
          label="Website"
          name="website"
          type="url"
          value={form.website}
          onChange={set("website")}
          error={err("website")}
        />
        <TextField
          label="Contact name"
          name="contactName"
          value={form.contactName}
          onChange={set("contactName")}
          error={err("contacts")}
        />
        <TextField
          label="Contact email"
          name="contactEmail"
          type="email"
          value={form.contactEmail}
          onChange={set("contactEmail")}
        />
        <TextAreaField
          label="Internal notes"
          name="internalNotes"
          hint="Never shown to the vendor."
          value={form.internalNotes}
          onChange={set("internalNotes")}
          error={err("internalNotes")}
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
            {submit.busy ? "Saving…" : parent ? "Create subcontractor" : "Create vendor"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
