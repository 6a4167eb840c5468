import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { ROLES, type Role, type User } from "../../api/api-types.ts";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "../../auth/role-labels.ts";
import { Alert } from "../../components/alert.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { FormActions } from "../../components/form-actions.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useFormFields } from "../../components/use-form-fields.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { MIN_PASSWORD_LENGTH } from "../sign-in/setup-page.tsx";
import { VendorSelect } from "../vendors/vendor-select.tsx";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const EMPTY = { name: "", email: "", role: "security" as Role, password: "", vendorId: "" };
const KNOWN_FIELDS = new Set(["name", "email", "role", "password", "vendorId"]);

export interface CreateUserDialogProps {
  open: boolean;
  /** Invite by mail: no password here, the person sets their own from the link. */
  invite?: boolean;
  onClose(): void;
  onCreated(user: User): void;
}

/**
 * A new account with a starting password (the person changes it later), or an invitation mailed
 * to them to set their own; vendor contacts name their vendor.
 */
export function CreateUserDialog({ open, invite = false, onClose, onCreated }: CreateUserDialogProps) {
  const submit = useSubmit();
  const { draft, set, reset, err, discard } = useFormFields(EMPTY, submit);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof typeof draft, string>>>({});

  const close = () =>
    discard(() => {
      setLocalErrors({});
      onClose();
    });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    submit.clear();
    // The server checks the same; asking here first saves a round trip for the common slips.
    const problems: typeof localErrors = {};
    if (!draft.name.trim()) problems.name = "Enter the person's name.";
    if (!draft.email.trim()) problems.email = "Enter an email address.";
    if (!invite && draft.password.length < MIN_PASSWORD_LENGTH) {
      problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    }
    if (draft.role === "vendor" && !draft.vendorId.trim())
      problems.vendorId = "Choose the vendor this person works for.";
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    let created: User | null = null;
    const ok = await submit.run(async () => {
      created = await api<User>("/api/users", {
        method: "POST",
        body: {
          name: draft.name.trim(),
          email: draft.email.trim(),
          role: draft.role,
          ...(invite ? { invite: true } : { password: draft.password }),
          ...(draft.role === "vendor" ? { vendorId: draft.vendorId.trim() || null } : {}),
        },
      });
    });
    if (ok && created) {
      reset();
      onCreated(created);
    }
  };

  const error = submit.error;
  const unplaced = error && !error.fieldErrors.some((f) => KNOWN_FIELDS.has(f.field));
  const fieldError = (field: keyof typeof draft) => localErrors[field] ?? err(field);
  const hasLocalErrors = Object.keys(localErrors).length > 0;

  return (
    <Dialog open={open} title={invite ? "Invite a user" : "New user"} onClose={close}>
      {error && unplaced && <Alert tone="error">{error.detail}</Alert>}
      {((error && !unplaced) || hasLocalErrors) && <Alert tone="error">Check the highlighted fields.</Alert>}
      <form className="form" onSubmit={save} noValidate>
        <TextField
          label="Full name"
          name="name"
          required
          autoFocus
          value={draft.name}
          onChange={set("name")}
          error={fieldError("name")}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="off"
          value={draft.email}
          onChange={set("email")}
          error={fieldError("email")}
        />
        <SelectField
          label="Role"
          name="role"
          options={ROLE_OPTIONS}
          hint={ROLE_DESCRIPTIONS[draft.role]}
          value={draft.role}
          onChange={set("role")}
          error={fieldError("role")}
        />
        {draft.role === "vendor" && (
          <VendorSelect
            includeSubcontractors
            hint="A vendor contact sees only this vendor's data."
            value={draft.vendorId}
            onChange={set("vendorId")}
            error={fieldError("vendorId")}
          />
        )}
        {invite ? (
          <p className="muted">
            Warden mails a link to this address; it works once, for 72 hours, to set their own password.
          </p>
        ) : (
          <TextField
            label="Starting password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person by a safe channel.`}
            value={draft.password}
            onChange={set("password")}
            error={fieldError("password")}
          />
        )}
        <FormActions
          busy={submit.busy}
          onCancel={close}
          label={invite ? "Send invitation" : "Create user"}
          busyLabel={invite ? "Sending…" : "Creating…"}
        />
      </form>
    </Dialog>
  );
}
