import { WardenError } from "../../domain/errors.ts";

const PK = [0x50, 0x4b, 0x03, 0x04];
/** Accepted types and the first bytes their content must start with (null: text, checked for NUL bytes). */
const SIGNATURES: Record<string, number[][] | null> = {
  "application/pdf": [[0x25, 0x50, 0x44, 0x46]],
  "image/png": [[0x89, 0x50, 0x4e, 0x47]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "application/zip": [PK],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [PK],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [PK],
  "text/plain": null,
  "text/csv": null,
};

/**
 * Checks a file attached to an answer: a plain name, a size within the limit, an accepted type,
 * and content that is what the type says (a renamed executable is not a PDF).
 */
export function checkAnswerFile(
  file: { filename: string; mediaType: string; bytes: Uint8Array },
  maxBytes: number,
): void {
  if (!file.filename || file.filename.length > 255 || /[\\/\0]/.test(file.filename)) {
    throw new WardenError(
      "invalid_input",
      "The file name must be a plain name (no folders), at most 255 characters.",
      {
        field: "file",
      },
    );
  }
  if (file.bytes.byteLength === 0)
    throw new WardenError("invalid_input", "The file is empty.", { field: "file" });
  if (file.bytes.byteLength > maxBytes) {
    throw new WardenError(
      "too_large",
      `${file.filename} is ${file.bytes.byteLength} bytes; files of at most ${maxBytes} bytes are accepted.`,
    );
  }
  if (!Object.hasOwn(SIGNATURES, file.mediaType)) {
    throw new WardenError(
      "unsupported",
      `Files of type ${file.mediaType || "(unknown)"} are not accepted: attach PDF, DOCX, XLSX, text, CSV, PNG, JPEG or ZIP.`,
    );
  }
  const signatures = SIGNATURES[file.mediaType];
  const head = file.bytes.subarray(0, 8192);
  const matches = signatures
    ? signatures.some((sig) => sig.every((b, i) => head[i] === b))
    : !head.includes(0);
  if (!matches) {
    throw new WardenError(
      "unsupported",
      `${file.filename} is declared as ${file.mediaType} but its content is not: attach the document itself.`,
    );
  }
}
