import { FileField } from "../../components/file-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import type { FieldBinding } from "../../components/use-form-fields.ts";
import type { EvidenceMeta } from "./upload-evidence.ts";

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

/** The upload's metadata from the typed fields: title trimmed, control ids parsed, empty dates left out. */
export function evidenceMeta(values: EvidenceFieldValues, engagementId: string): EvidenceMeta {
  return {
    title: values.title.trim(),
    engagementId,
    controls: parseControlIds(values.controls),
    ...(values.effectiveOn ? { effectiveOn: values.effectiveOn } : {}),
    ...(values.expiresOn ? { expiresOn: values.expiresOn } : {}),
  };
}

/**
 * The fields of an evidence upload (title, file, the controls it supports, effective and expiry
 * dates), shared by the engagement's upload dialog and the vendor portal's.
 */
export function EvidenceFields(props: {
  field(key: keyof EvidenceFieldValues): FieldBinding;
  /** The server's message for a field, here the file's. */
  error(field: string): string | undefined;
  onFile(file: File | null): void;
  missingFile: boolean;
  titleRequired?: boolean;
  /** Example control ids for the hint, e.g. "DD-3, TM-3". */
  controlsExample: string;
}) {
  const { field } = props;
  return (
    <>
      <TextField label="Title" required={props.titleRequired} {...field("title")} />
      <FileField
        label="File"
        onFile={props.onFile}
        error={props.missingFile ? "Choose the file to upload." : props.error("file")}
      />
      <TextField
        label="Controls it supports"
        hint={`Control ids separated by commas, such as ${props.controlsExample}.`}
        {...field("controls")}
      />
      <div className="form-row">
        <TextField label="Effective on" type="date" {...field("effectiveOn")} />
        <TextField label="Expires on" type="date" {...field("expiresOn")} />
      </div>
    </>
  );
}
