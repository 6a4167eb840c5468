import { type FormEvent, useRef } from "react";
import { countryOptions } from "../../../domain/countries.ts";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { FormDialog } from "../../components/form-dialog.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
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
  const submit = useSubmit();
  const { draft, set, field, reset, err, discard } = useFormFields(EMPTY, submit);

  const close = () => discard(onClose);
  // The name last sent: when the server answered that a live vendor has it, saving the same name
  // again confirms the duplicate; a changed name is checked afresh.
  const sentName = useRef("");
  const duplicate =
    typeof submit.error?.problem.duplicateOf === "string" && sentName.current === draft.legalName.trim();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let created: Vendor | null = null;
    const confirmDuplicateName = duplicate;
    sentName.current = draft.legalName.trim();
    const ok = await submit.run(async () => {
      created = await api<Vendor>("/api/vendors", {
        method: "POST",
        body: {
          legalName: draft.legalName.trim(),
          country: draft.country.trim(),
          ...(confirmDuplicateName ? { confirmDuplicateName } : {}),
          ...(draft.website.trim() ? { website: draft.website.trim() } : {}),
          ...(draft.contactName.trim()
            ? {
                contacts: [
                  {
                    name: draft.contactName.trim(),
                    ...(draft.contactEmail.trim() ? { email: draft.contactEmail.trim() } : {}),
                  },
                ],
              }
            : {}),
          ...(draft.internalNotes.trim() ? { internalNotes: draft.internalNotes } : {}),
          ...(parent ? { parentVendorId: parent.id } : {}),
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
      title={parent ? `New subcontractor of ${parent.legalName}` : "New vendor"}
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label={duplicate ? "Create anyway" : parent ? "Create subcontractor" : "Create vendor"}
    >
      <TextField label="Legal name" name="legalName" required {...field("legalName")} />
      <TextField
        label="Country"
        name="country"
        required
        list="country-options"
        autoComplete="off"
        hint="Type to search: a country's name (Ukraine) or its ISO code (UA)."
        {...field("country")}
      />
      <datalist id="country-options">
        {countryOptions().map((c) => (
          <option key={c.alpha2} value={c.name}>
            {c.alpha2}
          </option>
        ))}
      </datalist>
      <TextField
        label="Website"
        name="website"
        type="url"
        hint="Such as https://example.com; a name without https:// is read as one."
        {...field("website")}
      />
      <TextField
        label="Contact name"
        name="contactName"
        value={draft.contactName}
        onChange={set("contactName")}
        error={err("contacts")}
      />
      <TextField
        label="Contact email"
        name="contactEmail"
        type="email"
        value={draft.contactEmail}
        onChange={set("contactEmail")}
      />
      <TextAreaField
        label="Internal notes"
        name="internalNotes"
        hint="Never shown to the vendor."
        {...field("internalNotes")}
      />
    </FormDialog>
  );
}
