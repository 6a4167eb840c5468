import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { EngagementListItem } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { FileField } from "../../components/file-field.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { RecipientPicker } from "./recipient-picker.tsx";

/** Shares a file with vendor people: one watermarked copy each. */
export function ShareForm({ onShared }: { onShared: () => void }) {
  const engagements = useApi<Page<EngagementListItem>>("/api/engagements?limit=200");
  const [engagementId, setEngagementId] = useState("");
  const [recipients, setRecipients] = useState<string[]>([]);
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
    form.set("meta", JSON.stringify({ engagementId, recipients, ...(title ? { title } : {}) }));
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
        onChange={(e) => {
          setEngagementId(e.target.value);
          setRecipients([]);
        }}
        error={error?.fieldMessage("engagementId")}
        required
      />
      <RecipientPicker
        engagementId={engagementId || null}
        selected={recipients}
        onChange={setRecipients}
        error={error?.fieldMessage("recipients")}
      />
      <TextField label="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
      <FileField
        label="File"
        hint="Text, Markdown, DOCX, PDF, a source file or a ZIP of source files"
        required
        error={error?.fieldMessage("file")}
        onFile={setFile}
      />
      <FormProblem error={error} fields={["engagementId", "recipients", "file"]} />
      {done && <Alert tone="success">{done}</Alert>}
      <div className="form-actions">
        <BusyButton
          className="button button--primary"
          busy={busy}
          busyLabel="Sharing…"
          disabled={!file || recipients.length === 0}
        >
          Share marked copies
        </BusyButton>
      </div>
    </form>
  );
}
