import { useId, useState } from "react";
import { api, isApiError } from "../../api/api-client.ts";
import { BusyButton } from "../../components/busy-button.tsx";

/**
 * Records a manual offboarding item as done. Items that need proof (the certificate of media
 * destruction, a manual disable) take a file, stored as evidence for the item's control.
 */
export function CompleteItemForm(props: {
  runbookId: string;
  itemId: string;
  title: string;
  needsFile: boolean;
  onDone(): void;
}) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const base = `/api/access/runbooks/${props.runbookId}/items`;
      if (file) {
        const form = new FormData();
        form.set("itemId", props.itemId);
        form.set("file", file);
        await api(`${base}/upload`, { method: "POST", body: form });
      } else {
        await api(`${base}/complete`, { method: "POST", body: { itemId: props.itemId } });
      }
      props.onDone();
    } catch (error) {
      setProblem(isApiError(error) ? error.detail : "The item could not be recorded.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="access-complete" aria-label={`Complete: ${props.title}`} onSubmit={submit}>
      <label htmlFor={fileId} className="access-complete__label">
        {props.needsFile ? "Proof (required)" : "Proof (optional)"}
      </label>
      <input
        id={fileId}
        type="file"
        required={props.needsFile}
        onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
      />
      <BusyButton className="button button--secondary button--small" busy={busy} busyLabel="Recording…">
        Mark done
      </BusyButton>
      {problem && (
        <span role="alert" className="access-complete__problem">
          {problem}
        </span>
      )}
    </form>
  );
}
