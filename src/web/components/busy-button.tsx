import type { ButtonHTMLAttributes } from "react";

export interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-busy"> {
  /** While true the button is disabled, says `busyLabel` and tells assistive tech it is busy. */
  busy: boolean;
  busyLabel: string;
}

/**
 * A button whose action takes a while: disabled and relabelled while it runs.
 * `type` defaults to "submit", the common case of a form's main button.
 *
 * @example
 * <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Saving…">Save policy</BusyButton>
 */
export function BusyButton({
  busy,
  busyLabel,
  disabled,
  children,
  type = "submit",
  ...button
}: BusyButtonProps) {
  return (
    <button type={type} {...button} disabled={busy || disabled} aria-busy={busy}>
      {busy ? busyLabel : children}
    </button>
  );
}
