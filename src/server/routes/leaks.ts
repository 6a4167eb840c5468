import { Readable } from "node:stream";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requirePermission } from "../../services/context.ts";
import { getLeakCase, listLeakCases, updateLeakCase } from "../../services/leaks/leak-cases.ts";
import { getDistribution, listDistributions } from "../../services/leaks/list-distributions.ts";
import { openLeakCase } from "../../services/leaks/open-leak-case.ts";
import { readDistributionCopy } from "../../services/leaks/read-copy.ts";
import { MAX_SUSPECT_BYTES } from "../../services/leaks/read-suspect.ts";
import { MAX_SHARED_BYTES, shareDocument } from "../../services/leaks/share-document.ts";
import { listShareRecipients } from "../../services/leaks/share-eligibility.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { metaOf, readMultipartForm, registerUploadRoute, requireFile } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { defineRoute, publishedAccess } from "./define-route.ts";

/**
 * The `meta` JSON field and the required `file` of a multipart form, read by a leak-watch writer
 * (checked before the body is read), the file whole up to `maxBytes`.
 */
async function readMultipart(
  c: Context<AppEnv>,
  maxBytes: number,
  what: string,
): Promise<{ meta: unknown; file: { bytes: Uint8Array; filename: string } }> {
  const ctx = serviceContext(c);
  const guard = () => requirePermission(ctx, "leaks.write", what);
  const { fields, file } = await readMultipartForm(c, guard, "a `meta` field and a `file`", maxBytes);
  const whole = requireFile(file);
  return { meta: metaOf(fields), file: { bytes: whole.bytes, filename: whole.filename } };
}

const multipartBody = {
  content: { "multipart/form-data": { schema: z.object({ meta: z.string(), file: z.any().optional() }) } },
  required: true,
};

/** Leak watch: watermarked distributions, their copies, and leak cases with trace reports. */
export function registerLeaksRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);

  r(
    {
      method: "get",
      path: "/api/leaks/distributions",
      permission: "internal.read",
      summary: "Marked documents shared, with their recipients",
      tag: "leaks",
    },
    (ctx, { query }) => listDistributions(ctx, query),
  );
  r(
    {
      method: "get",
      path: "/api/leaks/distributions/{id}",
      permission: "internal.read",
      summary: "One distribution and its copies",
      tag: "leaks",
    },
    (ctx, { params }) => getDistribution(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/share-recipients",
      permission: "leaks.write",
      summary:
        "The engagement's vendor roster with whether each person may receive a marked copy today, and why not",
      tag: "leaks",
    },
    (ctx, { params }) => listShareRecipients(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/leaks/cases",
      permission: "internal.read",
      summary: "Leak cases, newest first",
      tag: "leaks",
    },
    (ctx, { query }) => listLeakCases(ctx, query),
  );
  r(
    {
      method: "get",
      path: "/api/leaks/cases/{id}",
      permission: "internal.read",
      summary: "A leak case with its trace report",
      tag: "leaks",
    },
    (ctx, { params }) => getLeakCase(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/leaks/cases",
      permission: "leaks.write",
      summary: "Open a leak case from pasted text ({title, text, note}): traces it and stores the report",
      tag: "leaks",
      body: true,
      status: 201,
    },
    (ctx, { body }) => openLeakCase(ctx, body),
  );
  r(
    {
      method: "patch",
      path: "/api/leaks/cases/{id}",
      permission: "leaks.write",
      summary: "Change a case's status and/or add a note",
      tag: "leaks",
      body: true,
    },
    (ctx, { params, body }) => updateLeakCase(ctx, params.id, body),
  );

  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/leaks/distributions",
      ...publishedAccess("leaks.write"),
      summary:
        "Share a document or source archive: multipart form with `meta` (JSON: engagementId, recipients, title, note) and `file`; one marked copy per recipient",
      tags: ["leaks"],
      request: { body: multipartBody },
      responses: {
        201: { description: "Shared", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { meta, file } = await readMultipart(c, MAX_SHARED_BYTES, "share watermarked documents");
      return c.json(await shareDocument(serviceContext(c), meta, file), 201);
    },
  );

  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/leaks/cases/upload",
      ...publishedAccess("leaks.write"),
      summary:
        "Open a leak case from a suspect file or ZIP archive: multipart form with `meta` (JSON: title, note) and `file`",
      tags: ["leaks"],
      request: { body: multipartBody },
      responses: {
        201: { description: "Opened", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { meta, file } = await readMultipart(c, MAX_SUSPECT_BYTES, "open leak cases");
      return c.json(await openLeakCase(serviceContext(c), meta, file), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/leaks/distributions/{id}/copies/{payload}/file",
      ...publishedAccess("internal.read"),
      summary: "Download one recipient's marked copy (internal staff only)",
      tags: ["leaks"],
      request: {
        params: z.object({
          id: z.string().openapi({ param: { name: "id", in: "path" } }),
          payload: z.string().openapi({ param: { name: "payload", in: "path" } }),
        }),
      },
      responses: { 200: { description: "The marked copy" }, ...problemResponses },
    }),
    (async (c: Context<AppEnv>) => {
      const file = await readDistributionCopy(serviceContext(c), c.req.param("id"), c.req.param("payload"));
      const safeName = file.filename.replace(/[^\w.\- ]/g, "_");
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": file.mediaType,
          "content-length": String(file.size),
          "content-disposition": `attachment; filename="${safeName}"`,
          "x-content-type-options": "nosniff",
          "cache-control": "no-store",
        },
      });
    }) as never,
  );
}
