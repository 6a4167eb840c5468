import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
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
  const [form, setForm] = useState(EMPTY);
  const [engagementIds, setEngagementIds] = useState<string[]>([]);
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const reset = () => {
    setForm(EMPTY);
    setEngagementIds([]);
    submit.clear();
  };
  const close = () => {
    if (submit.busy) return;
    reset();
    props.onClose();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (key: keyof typeof form) => (form[key].trim() ? { [key]: form[key].trim() } : {});
    const ok = await submit.run(() =>
      api("/api/portal/roster-requests/joiners", {
        method: "POST",
        body: {
          fullName: form.fullName.trim(),
          roleTitle: form.roleTitle.trim(),
          startDate: form.startDate,
          ...optional("email"),
          ...optional("employerVendorId"),
          ...optional("ndaSignedOn"),
          ...optional("ndaExpiresOn"),
          ...optional("noncompeteSignedOn"),
          ...optional("noncompeteExpiresOn"),
          engagementIds,
        },
      }),
    );
    if (ok) {
      reset();
      props.onDone();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);
  const employers = [
    { value: "", label: props.vendor.legalName },
    ...props.subcontractors.map((s) => ({ value: s.id, label: `${s.legalName} (subcontractor)` })),
  ];

  return (
    <Dialog open={props.open} title="Propose a joiner" onClose={close}>
      <p className="muted">The security team reviews the joiner before they appear on the roster.</p>
      <FormProblem error={submit.error} fields={FIELDS} />
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Full name"
          required
          value={form.fullName}
          onChange={set("fullName")}
          error={err("fullName")}
        />
        <TextField
          label="Email"
          type="email"
          value={form.email}
          onChange={set("email")}
          error={err("email")}
        />
        <SelectField
          label="Employer"
          options={employers}
          value={form.employerVendorId}
          onChange={set("employerVendorId")}
          error={err("employerVendorId")}
        />
        <TextField label="Role" value={form.roleTitle} onChange={set("roleTitle")} error={err("roleTitle")} />
        <TextField
          label="Start date"
          type="date"
          required
          value={form.startDate}
          onChange={set("startDate")}
          error={err("startDate")}
        />
        <div className="form-row">
          <TextField
            label="NDA signed on"
            type="date"
            value={form.ndaSignedOn}
            onChange={set("ndaSignedOn")}
            error={err("ndaSignedOn")}
          />
          <TextField
            label="NDA expires on"
            type="date"
            value={form.ndaExpiresOn}
            onChange={set("ndaExpiresOn")}
            error={err("ndaExpiresOn")}
          />
        </div>
        <div className="form-row">
          <TextField
            label="Non-compete signed on"
            type="date"
            value={form.noncompeteSignedOn}
            onChange={set("noncompeteSignedOn")}
            error={err("noncompeteSignedOn")}
          />
          <TextField
            label="Non-compete expires on"
            type="date"
            value={form.noncompeteExpiresOn}
            onChange={set("noncompeteExpiresOn")}
            error={err("noncompeteExpiresOn")}
          />
        </div>
        {props.engagements.length > 0 && (
          <fieldset className="field field--group">
            <legend className="field__label">Engagements</legend>
            {props.engagements.map((e) => (
              <CheckboxField
                key={e.id}
                label={e.name}
                checked={engagementIds.includes(e.id)}
                onChange={(event) =>
                  setEngagementIds((ids) =>
                    event.target.checked ? [...ids, e.id] : ids.filter((id) => id !== e.id),
                  )
                }
              />
            ))}
          </fieldset>
        )}
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
            {submit.busy ? "Sending…" : "Send for review"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
