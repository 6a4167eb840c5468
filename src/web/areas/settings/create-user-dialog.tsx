import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import { ROLES, type Role, type User } from "../../api/api-types.ts";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "../../auth/role-labels.ts";
import { Alert } from "../../components/alert.tsx";
import { Dialog } from "../../components/dialog.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { MIN_PASSWORD_LENGTH } from "../sign-in/setup-page.tsx";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const EMPTY = { name: "", email: "", role: "security" as Role, password: "", vendorId: "" };
const KNOWN_FIELDS = new Set(["name", "email", "role", "password", "vendorId"]);

export interface CreateUserDialogProps {
  open: boolean;
  onClose(): void;
  onCreated(user: User): void;
}

/** A new account with a starting password (the person changes it later); vendor contacts name their vendor. */
export function CreateUserDialog({ open, onClose, onCreated }: CreateUserDialogProps) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const [busy, setBusy] = useState(false);

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const close = () => {
    if (busy) return;
    setForm(EMPTY);
    setError(null);
    setLocalErrors({});
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // The server checks the same; asking here first saves a round trip for the common slips.
    const problems: typeof localErrors = {};
    if (!form.name.trim()) problems.name = "Enter the person's name.";
    if (!form.email.trim()) problems.email = "Enter an email address.";
    if (form.password.length < MIN_PASSWORD_LENGTH) {
      problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    }
    if (form.role === "vendor" && !form.vendorId.trim())
      problems.vendorId = "Name the vendor this person works for.";
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const user = await api<User>("/api/users", {
        method: "POST",
        body: {
          name: form.name.trim(),
          email: form.email.trim(),
          role: form.role,
          password: form.password,
          ...(form.role === "vendor" ? { vendorId: form.vendorId.trim() || null } : {}),
        },
      });
      setForm(EMPTY);
      onCreated(user);
    } catch (e) {
      setError(isApiError(e) ? e : null);
    } finally {
      setBusy(false);
    }
  };

  const unplaced = error && !error.fieldErrors.some((f) => KNOWN_FIELDS.has(f.field));
  const fieldError = (field: keyof typeof form) => localErrors[field] ?? error?.fieldMessage(field);
  const hasLocalErrors = Object.keys(localErrors).length > 0;

  return (
    <Dialog open={open} title="New user" onClose={close}>
      {error && unplaced && <Alert tone="error">{error.detail}</Alert>}
      {((error && !unplaced) || hasLocalErrors) && <Alert tone="error">Check the highlighted fields.</Alert>}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Full name"
          name="name"
          required
          autoFocus
          value={form.name}
          onChange={set("name")}
          error={fieldError("name")}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="off"
          value={form.email}
          onChange={set("email")}
          error={fieldError("email")}
        />
        <SelectField
          label="Role"
          name="role"
          options={ROLE_OPTIONS}
          hint={ROLE_DESCRIPTIONS[form.role]}
          value={form.role}
          onChange={set("role")}
          error={fieldError("role")}
        />
        {form.role === "vendor" && (
          <TextField
            label="Vendor id"
            name="vendorId"
            required
            hint="A vendor contact sees only this vendor's data. Paste the vendor's id."
            value={form.vendorId}
            onChange={set("vendorId")}
            error={fieldError("vendorId")}
          />
        )}
        <TextField
          label="Starting password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person by a safe channel.`}
          value={form.password}
          onChange={set("password")}
          error={fieldError("password")}
        />
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? "Creating…" : "Create user"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
