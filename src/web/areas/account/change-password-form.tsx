import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Your current password and a new one; your other sessions end when it changes. */
export function ChangePasswordForm({ onChanged }: { onChanged(): void }) {
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      api("/api/auth/password", { method: "POST", body: { currentPassword, newPassword } }),
    );
    if (ok) {
      setCurrent("");
      setNew("");
      onChanged();
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Change password">
      <FormProblem error={submit.error} fields={["currentPassword", "password"]} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={submit.error?.fieldMessage("currentPassword")}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters and hard to guess: several unrelated words, or a password manager's."
        required
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={submit.error?.fieldMessage("password")}
      />
      <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Changing…">
        Change password
      </BusyButton>
    </form>
  );
}
