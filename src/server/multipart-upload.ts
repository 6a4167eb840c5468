import { Readable } from "node:stream";
import { WardenError } from "../domain/errors.ts";

/** A file from an upload, streamed to the service (the blob store reads it once). */
export interface UploadedFile {
  bytes: Readable;
  filename: string;
  mediaType: string;
}

/** The request part of a route context: enough to read its form. */
interface WithForm {
  req: { formData(): Promise<FormData> };
}

/**
 * Reads a multipart form: its text fields and its `file`, if any. The body size
 * is already bounded by the upload limit (server/app.ts). Every upload route
 * reads its form here; `expected` says what a good request carries.
 */
export async function readMultipartForm(
  c: WithForm,
  expected: string,
): Promise<{ fields: Record<string, string>; file: File | null }> {
  let form: FormData;
  try {
    // After the OpenAPI validator read the body, Hono hands back its cached form:
    // not always a promise, so it is awaited inside try rather than .catch()ed.
    form = await c.req.formData();
  } catch {
    throw new WardenError("invalid_input", `Send a multipart/form-data body with ${expected}.`);
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  const file = form.get("file");
  return { fields, file: file instanceof File ? file : null };
}

export function requireFile(file: File | null, message = "Attach the file as `file`."): File {
  if (!file) throw new WardenError("invalid_input", message, { field: "file" });
  return file;
}

/** The `meta` field, parsed as JSON (an empty object when absent). */
export function metaOf(fields: Record<string, string>): unknown {
  try {
    return JSON.parse(fields.meta ?? "{}");
  } catch {
    throw new WardenError("invalid_input", "The `meta` field must be JSON.", { field: "meta" });
  }
}

export function streamedFile(file: File, defaultName: string): UploadedFile {
  return {
    bytes: Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream),
    filename: file.name || defaultName,
    mediaType: file.type || "application/octet-stream",
  };
}

/** The whole file in memory, for parsers that need all of it; refused above `maxBytes`. */
export async function wholeFile(
  file: File,
  defaultName: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ bytes: Uint8Array; filename: string; mediaType: string }> {
  if (file.size > maxBytes)
    throw new WardenError("too_large", `The file is ${file.size} bytes; at most ${maxBytes} are accepted.`);
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    filename: file.name || defaultName,
    mediaType: file.type || "application/octet-stream",
  };
}

/**
 * Reads an upload made of a `meta` JSON field and an optional `file`, the shape
 * of the evidence and contract uploads.
 */
export async function readMultipartUpload(
  c: WithForm,
  defaultName: string,
): Promise<{ meta: unknown; file: UploadedFile | null }> {
  const { fields, file } = await readMultipartForm(c, "a `meta` field and a `file`");
  return { meta: metaOf(fields), file: file ? streamedFile(file, defaultName) : null };
}

/** A download response for a stored file: attachment, no sniffing, a safe file name. */
export function fileResponse(file: {
  stream: Readable;
  filename: string;
  mediaType: string;
  size: number;
}): Response {
  const safeName = file.filename.replace(/[^\w.\- ]/g, "_");
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": file.mediaType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${safeName}"`,
      "x-content-type-options": "nosniff",
    },
  });
}

/** A form with one required `file`, read whole, and its text fields (questionnaire imports and answer files). */
export async function readMultipartFile(c: WithForm): Promise<{
  file: { filename: string; mediaType: string; bytes: Uint8Array };
  fields: Record<string, string>;
}> {
  const { fields, file } = await readMultipartForm(c, "a `file`");
  return { file: await wholeFile(requireFile(file, "The form has no `file`."), "upload"), fields };
}
