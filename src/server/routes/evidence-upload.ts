import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { readEvidenceFile, uploadEvidence } from "../../services/records/evidence.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { fileResponse, readMultipartUpload } from "../multipart-upload.ts";
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
      const { meta, file } = await readMultipartUpload(c, "upload");
      return c.json(await uploadEvidence(serviceContext(c), meta, file), 201);
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
      return fileResponse(await readEvidenceFile(serviceContext(c), c.req.param("id")));
    }) as never,
  );
}
