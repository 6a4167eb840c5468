import { useState } from "react";
import { isApiError } from "../api/api-client.ts";
import { Alert } from "./alert.tsx";
import { Dialog } from "./dialog.tsx";
import { FormActions } from "./form-actions.tsx";

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
      <FormActions
        busy={busy}
        onCancel={close}
        label={props.confirmLabel}
        busyLabel="Working…"
        tone={props.tone}
        onConfirm={confirm}
      />
    </Dialog>
  );
}
