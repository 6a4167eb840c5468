import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import busboy from "busboy";
import type { Context } from "hono";
import { WardenError } from "../domain/errors.ts";
import { formatBytes } from "../domain/format-bytes.ts";
import type { AppEnv } from "./env.ts";

/** A file from an upload, streamed to the service (the blob store reads it once). */
export interface UploadedFile {
  bytes: Readable;
  filename: string;
  mediaType: string;
}

/** A file from an upload, read whole (for parsers that need all of it), within the upload limit. */
export interface WholeUploadedFile {
  bytes: Uint8Array;
  filename: string;
  mediaType: string;
}

/**
 * Checks, before a single byte of the body is read, that the caller may upload here at all:
 * the role for signed-in routes, the link token for the questionnaire link. The service checks
 * again when it writes; this only keeps strangers from making Warden read their bodies.
 */
export type UploadGuard = () => void | Promise<void>;

/** The request part of a route context that an upload reads. */
type UploadContext = Pick<Context<AppEnv>, "req" | "get">;

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Registers a route that receives a multipart upload: its OpenAPI description (the form's
 * fields, for the document and the authorisation matrix) without the validator that would read
 * the whole body before the handler runs. The handler guards, then streams the form itself.
 */
export function registerUploadRoute(
  app: OpenAPIHono<AppEnv>,
  route: ReturnType<typeof createRoute>,
  handler: (c: Context<AppEnv>) => Promise<Response>,
): void {
  app.openAPIRegistry.registerPath(route);
  app.on([route.method.toUpperCase()], route.path.replaceAll(/\/{(.+?)}/g, "/:$1"), handler);
}

/**
 * Streams a multipart form with busboy: text fields are collected (bounded), and the part named
 * `file` is handed to `onFile` as a stream the moment it begins, limited to `maxFileBytes` while it
 * flows (an oversized file fails with `too_large` however it is declared). Fields a handler needs
 * come before the file in the form (every client sends them first). Nothing of the body is held
 * in memory beyond busboy's small buffers.
 */
export async function receiveMultipart<T>(
  c: UploadContext,
  options: {
    expected: string;
    maxFileBytes: number;
    onFile: (fields: Record<string, string>, file: UploadedFile) => Promise<T>;
  },
): Promise<{ fields: Record<string, string>; result: T | undefined }> {
  const contentType = c.req.header("content-type") ?? "";
  const body = c.req.raw.body;
  if (!/^multipart\/form-data/i.test(contentType) || !body) {
    throw new WardenError("invalid_input", `Send a multipart/form-data body with ${options.expected}.`);
  }
  const source = Readable.fromWeb(body as NodeReadableStream);
  const fields: Record<string, string> = {};
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: {
        fileSize: options.maxFileBytes,
        files: 1,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_FIELDS + 1,
      },
    });
  } catch {
    throw new WardenError("invalid_input", `Send a multipart/form-data body with ${options.expected}.`);
  }
  return new Promise((resolve, reject) => {
    let handled: Promise<T> | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // Stop reading: the rest of the body is dropped, never buffered.
      source.unpipe(parser);
      source.destroy();
      reject(error);
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(
          new WardenError(
            "too_large",
            `The form field \`${name}\` is longer than ${formatBytes(MAX_FIELD_BYTES)}.`,
          ),
        );
        return;
      }
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || handled || failed) {
        stream.resume();
        return;
      }
      stream.on("limit", () => {
        stream.destroy(
          new WardenError(
            "too_large",
            `The file is larger than the ${formatBytes(options.maxFileBytes)} upload limit.`,
          ),
        );
      });
      handled = options.onFile(
        { ...fields },
        {
          bytes: stream,
          filename: info.filename || "upload",
          mediaType: info.mimeType || "application/octet-stream",
        },
      );
      handled.then(
        // A handler that did not read the whole file leaves the rest to be drained.
        () => stream.resume(),
        fail,
      );
    });
    parser.on("partsLimit", () =>
      fail(new WardenError("invalid_input", `The form has too many parts: send ${options.expected}.`)),
    );
    parser.on("fieldsLimit", () =>
      fail(new WardenError("invalid_input", `The form has too many fields: send ${options.expected}.`)),
    );
    parser.on("error", () =>
      fail(new WardenError("invalid_input", `The multipart body is malformed: send ${options.expected}.`)),
    );
    source.on("error", (error) =>
      fail(
        error instanceof WardenError
          ? error
          : new WardenError("invalid_input", "The upload was interrupted."),
      ),
    );
    parser.on("close", () => {
      if (failed) return;
      (handled ?? Promise.resolve(undefined)).then((result) => {
        if (!failed) resolve({ fields, result });
      }, fail);
    });
    source.pipe(parser);
  });
}

/** Reads a stream whole, refusing it past `maxBytes` (the running count, not a declared size). */
export async function readWhole(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new WardenError("too_large", `The file is larger than the ${formatBytes(maxBytes)} limit.`);
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Guards, then reads a multipart form whose `file` is read whole, up to `maxFileBytes` (default the
 * upload limit): for parsers that need all of a file (imports, marked copies, leak suspects).
 */
export async function readMultipartForm(
  c: UploadContext,
  guard: UploadGuard,
  expected: string,
  maxFileBytes = c.get("runtime").config.maxUploadBytes,
): Promise<{ fields: Record<string, string>; file: WholeUploadedFile | null }> {
  await guard();
  const { fields, result } = await receiveMultipart(c, {
    expected,
    maxFileBytes,
    onFile: async (_fields, file) => ({ ...file, bytes: await readWhole(file.bytes, maxFileBytes) }),
  });
  return { fields, file: result ?? null };
}

export function requireFile<F>(file: F | null, message = "Attach the file as `file`."): F {
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

/**
 * Guards, then streams an upload made of a `meta` JSON field and an optional `file` (the shape of
 * the evidence, contract and portal uploads) into `handle`: the file flows from the socket to the
 * blob store as it arrives, within the upload limit. `meta` comes before `file` in the form.
 */
export async function readMultipartUpload<T>(
  c: UploadContext,
  guard: UploadGuard,
  handle: (meta: unknown, file: UploadedFile | null) => Promise<T>,
): Promise<T> {
  await guard();
  const { fields, result } = await receiveMultipart(c, {
    expected: "a `meta` field, then a `file`",
    maxFileBytes: c.get("runtime").config.maxUploadBytes,
    onFile: async (fields, file) => {
      if (fields.meta === undefined) {
        throw new WardenError("invalid_input", "Put the `meta` field before the `file` in the form.", {
          field: "meta",
        });
      }
      return { value: await handle(metaOf(fields), file) };
    },
  });
  return result ? result.value : handle(metaOf(fields), null);
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

/** A guarded form with one required `file`, read whole, and its text fields (questionnaire imports and answer files). */
export async function readMultipartFile(
  c: UploadContext,
  guard: UploadGuard,
): Promise<{ file: WholeUploadedFile; fields: Record<string, string> }> {
  const { fields, file } = await readMultipartForm(c, guard, "a `file`");
  return { file: requireFile(file, "The form has no `file`."), fields };
}
