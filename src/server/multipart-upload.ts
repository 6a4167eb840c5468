import { Readable } from "node:stream";
import type { Context } from "hono";
import { WardenError } from "../domain/errors.ts";
import type { AppEnv } from "./env.ts";

export interface UploadedFile {
  bytes: Readable;
  filename: string;
  mediaType: string;
}

/**
 * Reads a multipart upload made of a `meta` JSON field and an optional `file`,
 * the shape every upload route takes. Bad input is a clear invalid_input.
 */
export async function readMultipartUpload(
  c: Context<AppEnv>,
  defaultName: string,
): Promise<{ meta: unknown; file: UploadedFile | null }> {
  let form: FormData;
  try {
    // After the OpenAPI validator read the body, Hono hands back its cached form:
    // not always a promise, so it is awaited inside try rather than .catch()ed.
    form = await c.req.formData();
  } catch {
    throw new WardenError(
      "invalid_input",
      "Send a multipart/form-data body with a `meta` field and a `file`.",
    );
  }
  let meta: unknown;
  try {
    meta = JSON.parse(String(form.get("meta") ?? "{}"));
  } catch {
    throw new WardenError("invalid_input", "The `meta` field must be JSON.", { field: "meta" });
  }
  const file = form.get("file");
  return {
    meta,
    file:
      file instanceof File
        ? {
            bytes: Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream),
            filename: file.name || defaultName,
            mediaType: file.type || "application/octet-stream",
          }
        : null,
  };
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
