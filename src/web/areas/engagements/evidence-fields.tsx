import { TextField } from "../../components/text-field.tsx";
import { FileField } from "./file-field.tsx";

export interface EvidenceFieldValues {
  title: string;
  controls: string;
  effectiveOn: string;
  expiresOn: string;
}

/** Control ids typed as "dd-3, TM-3": upper-cased, blanks dropped. */
export function parseControlIds(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/**
 * The fields of an evidence upload (title, file, the controls it supports, effective and expiry
 * dates), shared by the engagement's upload dialog and the vendor portal's.
 */
export function EvidenceFields(props: {
  form: EvidenceFieldValues;
  set(key: keyof EvidenceFieldValues): (e: { target: { value: string } }) => void;
  error(field: string): string | undefined;
  onFile(file: File | null): void;
  missingFile: boolean;
  titleRequired?: boolean;
  /** Example control ids for the hint, e.g. "DD-3, TM-3". */
  controlsExample: string;
}) {
  const { form, set, error } = props;
  return (
    <>
      <TextField
        label="Title"
        required={props.titleRequired}
        value={form.title}
        onChange={set("title")}
        error={error("title")}
      />
      <FileField
        label="File"
        onFile={props.onFile}
        error={props.missingFile ? "Choose the file to upload." : error("file")}
      />
      <TextField
        label="Controls it supports"
        hint={`Control ids separated by commas, such as ${props.controlsExample}.`}
        value={form.controls}
        onChange={set("controls")}
        error={error("controls")}
      />
      <div className="form-row">
        <TextField
          label="Effective on"
          type="date"
          value={form.effectiveOn}
          onChange={set("effectiveOn")}
          error={error("effectiveOn")}
        />
        <TextField
          label="Expires on"
          type="date"
          value={form.expiresOn}
          onChange={set("expiresOn")}
          error={error("expiresOn")}
        />
      </div>
    </>
  );
}
