import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { requirePermission } from "../../services/context.ts";
import { readEvidenceFile, uploadEvidence } from "../../services/records/evidence.ts";
import { isVendorActor } from "../../services/scope.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { fileResponse, readMultipartUpload, registerUploadRoute } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { publishedAccess } from "./define-route.ts";

/** Evidence files: multipart upload (metadata as the `meta` JSON field) and download. */
export function registerEvidenceUploadRoutes(app: OpenAPIHono<AppEnv>): void {
  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/evidence/upload",
      ...publishedAccess(["evidence.write", "vendor.portal"] as const),
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
    async (c) => {
      const ctx = serviceContext(c);
      const guard = () => {
        if (!isVendorActor(ctx)) requirePermission(ctx, "evidence.write", "upload evidence");
      };
      return c.json(
        await readMultipartUpload(c, guard, (meta, file) => uploadEvidence(ctx, meta, file)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/evidence/{id}/file",
      ...publishedAccess("signed-in"),
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
