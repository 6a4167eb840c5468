import type { Context } from "hono";
import { WardenError } from "../../domain/errors.ts";

/**
 * Reads a multipart form with one `file` (the body size is already bounded by the upload limit)
 * and its other fields as text.
 */
export async function readMultipartFile(c: Context): Promise<{
  file: { filename: string; mediaType: string; bytes: Uint8Array };
  fields: Record<string, string>;
}> {
  let form: FormData;
  try {
    // After the OpenAPI validator has read the body, hono hands back its cached form (not a promise).
    form = await c.req.formData();
  } catch {
    throw new WardenError("invalid_input", "Send a multipart/form-data body with a `file`.");
  }
  const file = form.get("file");
  if (!(file instanceof File))
    throw new WardenError("invalid_input", "The form has no `file`.", { field: "file" });
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  return {
    file: {
      filename: file.name || "upload",
      mediaType: file.type || "application/octet-stream",
      bytes: new Uint8Array(await file.arrayBuffer()),
    },
    fields,
  };
}
