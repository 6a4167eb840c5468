import type { InputHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.tsx";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled input with an optional hint and its error, both tied to it for assistive tech. */
export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => <input className="input" {...control} {...input} />}
    </FieldFrame>
  );
}
