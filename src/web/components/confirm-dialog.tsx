import { useState } from "react";
import { isApiError } from "../api/api-client.ts";
import { Alert } from "./alert.tsx";
import { Dialog } from "./dialog.tsx";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  tone?: "danger" | "primary";
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Asks before an action; shows the server's refusal in place if the action fails. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setError(null);
    props.onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (e) {
      setError(isApiError(e) ? e.detail : "The action failed. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title={props.title} onClose={close}>
      <p>{props.message}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={close} disabled={busy}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${props.tone === "danger" ? "button--danger" : "button--primary"}`}
          onClick={confirm}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? "Working…" : props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
