import type { ReactNode } from "react";
import { BusyButton } from "./busy-button.tsx";

export interface FormActionsProps {
  /** While true both buttons are disabled and the main one says `busyLabel`. */
  busy: boolean;
  onCancel(): void;
  /** The main button's text. */
  label: string;
  busyLabel?: string;
  tone?: "primary" | "danger";
  /** Disables the main button for another reason than `busy`, such as an upload still running. */
  disabled?: boolean;
  /** Makes the main button a plain button that calls this instead of submitting the form around it. */
  onConfirm?(): void;
  /** More buttons, placed between Cancel and the main button. */
  children?: ReactNode;
}

/**
 * The foot of a dialog's form: Cancel, then the button that submits, which says it is busy.
 *
 * @example
 * <FormActions busy={submit.busy} onCancel={close} label="Add milestone" />
 */
export function FormActions({
  busy,
  onCancel,
  label,
  busyLabel = "Saving…",
  tone = "primary",
  disabled = false,
  onConfirm,
  children,
}: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      {children}
      <BusyButton
        type={onConfirm ? "button" : "submit"}
        className={`button button--${tone}`}
        onClick={onConfirm}
        disabled={disabled}
        busy={busy}
        busyLabel={busyLabel}
      >
        {label}
      </BusyButton>
    </div>
  );
}
