import { useId } from "react";

/** A labelled file picker with an optional hint and error. */
export function FileField(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  onFile(file: File | null): void;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {props.hint && (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type="file"
        className="input input--file"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        onChange={(e) => props.onFile(e.target.files?.[0] ?? null)}
      />
      {props.error && (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}
