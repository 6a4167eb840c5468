import { useId } from "react";
import type { AnswerValue, FileAnswer, Question } from "./questionnaire-types.ts";

export interface QuestionInputProps {
  question: Question;
  value: AnswerValue | undefined;
  error?: string | undefined;
  disabled?: boolean;
  onChange(value: AnswerValue | undefined): void;
  /** File questions: upload one file and return its reference. */
  onUpload?(file: File): Promise<void>;
}

/** One question as a form control fitting its type, with its help text and error. */
export function QuestionInput({ question, value, error, disabled, onChange, onUpload }: QuestionInputProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const label = `${question.text}${question.required ? "" : " (optional)"}`;
  const help = question.help ? <p className="field__hint">{question.help}</p> : null;
  const errorText = error ? (
    <p id={errorId} className="field__error">
      {error.charAt(0).toUpperCase() + error.slice(1)}
    </p>
  ) : null;

  if (question.type === "yes-no" || question.type === "single-choice") {
    const options =
      question.type === "yes-no"
        ? [
            { id: "yes", label: "Yes" },
            { id: "no", label: "No" },
          ]
        : (question.options ?? []);
    return (
      <fieldset className={`field question${error ? " field--invalid" : ""}`} aria-describedby={errorId}>
        <legend className="field__label">{label}</legend>
        {help}
        {options.map((o) => (
          <label key={o.id} className="question__choice">
            <input
              type="radio"
              name={id}
              value={o.id}
              checked={value === o.id}
              disabled={disabled}
              onChange={() => onChange(o.id)}
            />{" "}
            {o.label}
          </label>
        ))}
        {errorText}
      </fieldset>
    );
  }
  if (question.type === "multiple-choice") {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset className={`field question${error ? " field--invalid" : ""}`} aria-describedby={errorId}>
        <legend className="field__label">{label}</legend>
        {help}
        {(question.options ?? []).map((o) => (
          <label key={o.id} className="question__choice">
            <input
              type="checkbox"
              checked={chosen.includes(o.id)}
              disabled={disabled}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))
              }
            />{" "}
            {o.label}
          </label>
        ))}
        {errorText}
      </fieldset>
    );
  }
  if (question.type === "file") {
    const files = Array.isArray(value) ? (value as FileAnswer[]) : [];
    return (
      <div className={`field question${error ? " field--invalid" : ""}`}>
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {help}
        {files.length > 0 && (
          <ul className="question__files">
            {files.map((f) => (
              <li key={f.sha256}>
                {f.name} ({Math.max(1, Math.round(f.size / 1024))} KiB){" "}
                <button
                  type="button"
                  className="button button--small"
                  disabled={disabled}
                  onClick={() => onChange(files.filter((x) => x.sha256 !== f.sha256))}
                >
                  Remove {f.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="file"
          className="input"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          accept=".pdf,.docx,.xlsx,.txt,.csv,.png,.jpg,.jpeg,.zip"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file && onUpload) void onUpload(file).finally(() => (e.target.value = ""));
          }}
        />
        {errorText}
      </div>
    );
  }
  const common = {
    id,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": errorId,
  } as const;
  return (
    <div className={`field question${error ? " field--invalid" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {help}
      {question.type === "text" ? (
        <textarea
          {...common}
          className="input textarea"
          rows={4}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        />
      ) : question.type === "number" ? (
        <input
          {...common}
          type="number"
          className="input"
          value={typeof value === "number" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      ) : (
        <input
          {...common}
          type="date"
          className="input"
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        />
      )}
      {errorText}
    </div>
  );
}
