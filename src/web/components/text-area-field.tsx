import type { TextareaHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.tsx";

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled multi-line input with an optional hint and its error. */
export function TextAreaField({ label, hint, error, ...area }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(control) => <textarea className="input textarea" rows={3} {...control} {...area} />}
    </FieldFrame>
  );
}
