import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { EngagementListItem } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";

/** Shares a file with vendor people: one watermarked copy each. */
export function ShareForm({ onShared }: { onShared: () => void }) {
  const engagements = useApi<Page<EngagementListItem>>("/api/engagements?limit=200");
  const [engagementId, setEngagementId] = useState("");
  const [recipients, setRecipients] = useState("");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (!file) return;
    const form = new FormData();
    const list = recipients
      .split(/[\s,;]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    form.set("meta", JSON.stringify({ engagementId, recipients: list, ...(title ? { title } : {}) }));
    form.set("file", file);
    setBusy(true);
    try {
      const shared = await api<{ copies: unknown[]; title: string }>("/api/leaks/distributions", {
        method: "POST",
        body: form,
      });
      setDone(`${shared.title}: ${shared.copies.length} marked copies made.`);
      onShared();
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const options = [
    { value: "", label: "Choose an engagement" },
    ...(engagements.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.vendorName} — ${e.name}` })),
  ];
  return (
    <form className="form" onSubmit={submit} aria-label="Share a watermarked document">
      <SelectField
        label="Engagement"
        options={options}
        value={engagementId}
        onChange={(e) => setEngagementId(e.target.value)}
        error={error?.fieldMessage("engagementId")}
        required
      />
      <TextField
        label="Recipients"
        hint="Emails or person ids of people on the vendor's roster, separated by commas"
        value={recipients}
        onChange={(e) => setRecipients(e.target.value)}
        error={error?.fieldMessage("recipients")}
        required
      />
      <TextField label="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextField
        label="File"
        hint="Text, Markdown, DOCX, PDF, a source file or a ZIP of source files"
        type="file"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        required
      />
      {error && <Alert tone="error">{error.detail}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || !file}>
          {busy ? "Sharing…" : "Share marked copies"}
        </button>
      </div>
    </form>
  );
}
