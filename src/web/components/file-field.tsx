import { FieldFrame } from "./field-frame.tsx";

/** A labelled file picker with an optional hint and error; `accept` narrows what the picker offers. */
export function FileField(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  accept?: string;
  required?: boolean;
  onFile(file: File | null): void;
}) {
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          type="file"
          className="input input--file"
          accept={props.accept}
          required={props.required}
          {...control}
          onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
        />
      )}
    </FieldFrame>
  );
}
