import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import type { NewApiToken } from "../../api/api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";

const LIFETIMES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "", label: "Never expires" },
] as const;

export function CreateTokenForm({ onCreated }: { onCreated(token: NewApiToken): void }) {
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api<NewApiToken>("/api/tokens", {
        method: "POST",
        body: { name: name.trim(), ...(days ? { expiresInDays: Number(days) } : {}) },
      });
      setName("");
      onCreated(created);
    } catch (e) {
      setError(isApiError(e) ? e : null);
    } finally {
      setBusy(false);
    }
  };

  const nameError = error?.fieldMessage("name");
  return (
    <form className="panel form form--inline" onSubmit={submit} noValidate aria-label="New API token">
      {error && !nameError && !error.fieldMessage("expiresInDays") && (
        <Alert tone="error">{error.detail}</Alert>
      )}
      <TextField
        label="Token name"
        name="name"
        required
        placeholder="e.g. CI pipeline"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
      />
      <SelectField
        label="Expires"
        name="expiresInDays"
        options={LIFETIMES}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={error?.fieldMessage("expiresInDays")}
      />
      <div className="form--inline__submit">
        <BusyButton className="button button--primary" busy={busy} busyLabel="Creating…">
          Create token
        </BusyButton>
      </div>
    </form>
  );
}
