import { Readable } from "node:stream";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { WardenError } from "../../domain/errors.ts";
import { readEvidenceFile, uploadEvidence } from "../../services/records/evidence.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { problemResponses } from "../schemas.ts";

/** Evidence files: multipart upload (metadata as the `meta` JSON field) and download. */
export function registerEvidenceUploadRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/evidence/upload",
      summary:
        "Upload evidence: multipart form with `meta` (JSON: title, engagementId or vendorId, effectiveOn, expiresOn, controls) and `file`",
      tags: ["evidence"],
      request: {
        body: {
          content: {
            "multipart/form-data": { schema: z.object({ meta: z.string(), file: z.any().optional() }) },
          },
          required: true,
        },
      },
      responses: {
        201: { description: "Stored", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    (async (c: import("hono").Context<AppEnv>) => {
      const form = await c.req.formData().catch(() => {
        throw new WardenError(
          "invalid_input",
          "Send a multipart/form-data body with a `meta` field and a `file`.",
        );
      });
      let meta: unknown;
      try {
        meta = JSON.parse(String(form.get("meta") ?? "{}"));
      } catch {
        throw new WardenError("invalid_input", "The `meta` field must be JSON.", { field: "meta" });
      }
      const file = form.get("file");
      const upload =
        file instanceof File
          ? {
              bytes: Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream),
              filename: file.name || "upload",
              mediaType: file.type || "application/octet-stream",
            }
          : null;
      return c.json(await uploadEvidence(serviceContext(c), meta, upload), 201);
    }) as never,
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/evidence/{id}/file",
      summary: "Download an evidence file",
      tags: ["evidence"],
      request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
      responses: { 200: { description: "The file" }, ...problemResponses },
    }),
    (async (c: import("hono").Context<AppEnv>) => {
      const file = await readEvidenceFile(serviceContext(c), c.req.param("id"));
      const safeName = file.filename.replace(/[^\w.\- ]/g, "_");
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": file.mediaType,
          "content-length": String(file.size),
          "content-disposition": `attachment; filename="${safeName}"`,
          "x-content-type-options": "nosniff",
        },
      });
    }) as never,
  );
}
