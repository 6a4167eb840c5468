import { type FormEvent, useState } from "react";
import { type ApiError, api, isApiError } from "../../api/api-client.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { FileField } from "../../components/file-field.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import type { LeakCaseView } from "./leak-types.ts";

/** Opens a leak case from a pasted text or an uploaded file or ZIP archive. */
export function OpenCaseForm({ onOpened }: { onOpened: (id: string) => void }) {
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const meta = title ? { title } : {};
      let opened: LeakCaseView;
      if (file) {
        const form = new FormData();
        form.set("meta", JSON.stringify(meta));
        form.set("file", file);
        opened = await api<LeakCaseView>("/api/leaks/cases/upload", { method: "POST", body: form });
      } else {
        opened = await api<LeakCaseView>("/api/leaks/cases", { method: "POST", body: { ...meta, text } });
      }
      setText("");
      onOpened(opened.id);
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const textError = error?.fieldMessage("text");
  return (
    <form className="form" onSubmit={submit} aria-label="Trace a suspect">
      <TextField label="Case title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextAreaField
        label="Suspect text"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={textError}
      />
      <FileField
        label="…or a suspect file"
        hint="A document, a source file or a ZIP archive"
        onFile={setFile}
      />
      <FormProblem error={error} fields={["text"]} />
      <div className="form-actions">
        <BusyButton
          className="button button--primary"
          busy={busy}
          busyLabel="Tracing…"
          disabled={!file && !text.trim()}
        >
          Trace and open a case
        </BusyButton>
      </div>
    </form>
  );
}
