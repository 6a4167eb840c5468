import type { FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { type TextKey, useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";

const EMPTY = {
  fullName: "",
  email: "",
  employerVendorId: "",
  roleTitle: "",
  startDate: "",
  ndaSignedOn: "",
  ndaExpiresOn: "",
  noncompeteSignedOn: "",
  noncompeteExpiresOn: "",
  engagementIds: [] as string[],
};
const FIELDS = [
  "fullName",
  "email",
  "employerVendorId",
  "roleTitle",
  "startDate",
  "ndaSignedOn",
  "ndaExpiresOn",
  "noncompeteSignedOn",
  "noncompeteExpiresOn",
  "engagementIds",
] as const;

/** A vendor contact proposes a joiner; the security team reviews it before it reaches the roster. */
export function ProposeJoinerDialog(props: {
  open: boolean;
  vendor: Vendor;
  subcontractors: Vendor[];
  engagements: { id: string; name: string }[];
  onClose(): void;
  onDone(): void;
}) {
  const submit = useSubmit();
  const { draft, field, update, reset, discard } = useFormFields(EMPTY, submit);
  const close = () => discard(props.onClose);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (key: TextKey<typeof draft>) => (draft[key].trim() ? { [key]: draft[key].trim() } : {});
    const ok = await submit.run(() =>
      api("/api/portal/roster-requests/joiners", {
        method: "POST",
        body: {
          fullName: draft.fullName.trim(),
          roleTitle: draft.roleTitle.trim(),
          startDate: draft.startDate,
          ...optional("email"),
          ...optional("employerVendorId"),
          ...optional("ndaSignedOn"),
          ...optional("ndaExpiresOn"),
          ...optional("noncompeteSignedOn"),
          ...optional("noncompeteExpiresOn"),
          engagementIds: draft.engagementIds,
        },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  const employers = [
    { value: "", label: props.vendor.legalName },
    ...props.subcontractors.map((s) => ({ value: s.id, label: `${s.legalName} (subcontractor)` })),
  ];

  return (
    <FormDialog
      open={props.open}
      title="Propose a joiner"
      onClose={close}
      submit={submit}
      fields={FIELDS}
      onSubmit={save}
      label="Send for review"
      busyLabel="Sending…"
      intro={<p className="muted">The security team reviews the joiner before they appear on the roster.</p>}
    >
      <TextField label="Full name" required {...field("fullName")} />
      <TextField label="Email" type="email" {...field("email")} />
      <SelectField label="Employer" options={employers} {...field("employerVendorId")} />
      <TextField label="Role" {...field("roleTitle")} />
      <TextField label="Start date" type="date" required {...field("startDate")} />
      <div className="form-row">
        <TextField label="NDA signed on" type="date" {...field("ndaSignedOn")} />
        <TextField label="NDA expires on" type="date" {...field("ndaExpiresOn")} />
      </div>
      <div className="form-row">
        <TextField label="Non-compete signed on" type="date" {...field("noncompeteSignedOn")} />
        <TextField label="Non-compete expires on" type="date" {...field("noncompeteExpiresOn")} />
      </div>
      {props.engagements.length > 0 && (
        <fieldset className="field field--group">
          <legend className="field__label">Engagements</legend>
          {props.engagements.map((e) => (
            <CheckboxField
              key={e.id}
              label={e.name}
              checked={draft.engagementIds.includes(e.id)}
              onChange={(event) => {
                const ids = draft.engagementIds;
                update({
                  engagementIds: event.target.checked ? [...ids, e.id] : ids.filter((id) => id !== e.id),
                });
              }}
            />
          ))}
        </fieldset>
      )}
    </FormDialog>
  );
}
