import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { listAuditEntries, verifyAuditLogAs } from "../../services/audit/list-audit-entries.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { jsonResponse, pageOf, problemResponses } from "../schemas.ts";
import { publishedAccess } from "./define-route.ts";

const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    targetName: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .openapi("AuditEntry");

const auditQuerySchema = z.object({
  limit: z.string().optional(),
  offset: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      ...publishedAccess("audit.read"),
      summary: "The audit log, newest first (filters: actor, action prefix, targetType, targetId, from, to)",
      request: { query: auditQuerySchema },
      responses: { 200: jsonResponse(pageOf(AuditEntrySchema, "AuditPage"), "Entries"), ...problemResponses },
    }),
    async (c) => c.json(await listAuditEntries(serviceContext(c), c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/audit/verify",
      ...publishedAccess("audit.read"),
      summary: "Walk the hash chain and name the first broken entry",
      responses: {
        200: jsonResponse(
          z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            lastHash: z.string(),
            problem: z.object({ kind: z.string(), seq: z.number(), message: z.string() }).optional(),
          }),
          "Verdict",
        ),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await verifyAuditLogAs(serviceContext(c)), 200),
  );
}
