import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { WardenError } from "../../domain/errors.ts";
import {
  importCsvSnapshot,
  listConnectors,
  removeConnector,
  saveLdapConnector,
} from "../../services/access/access-connectors.ts";
import { importAccessLog, listAccessLogFlags } from "../../services/access/access-logs.ts";
import { getAccessOverview } from "../../services/access/access-overview.ts";
import {
  completeOffboardingItem,
  getRunbook,
  listRunbooks,
  offboard,
} from "../../services/access/offboarding.ts";
import { reconcileAccessNow } from "../../services/access/reconcile-access-now.ts";
import { requirePermission } from "../../services/context.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { readMultipartForm, registerUploadRoute, requireFile } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { defineRoute, publishedAccess } from "./define-route.ts";

/** People and access: connectors, reconciliation, offboarding runbooks, access logs (KO-3). */
export function registerAccessRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, { ...spec, tag: "access" }, handler);

  r(
    {
      method: "get",
      path: "/api/access",
      permission: "internal.read",
      summary: "Roster × systems matrix, findings, runbooks",
      tag: "access",
    },
    (ctx) => getAccessOverview(ctx),
  );
  r(
    {
      method: "get",
      path: "/api/access/connectors",
      permission: "access.write",
      summary: "Configured connectors (no secrets)",
      tag: "access",
    },
    (ctx) => listConnectors(ctx),
  );
  r(
    {
      method: "post",
      path: "/api/access/connectors/ldap",
      permission: "access.write",
      summary: "Add or replace an LDAP connector (bind password sealed; omit it to keep the stored one)",
      tag: "access",
      body: true,
    },
    (ctx, { body }) => saveLdapConnector(ctx, body),
  );
  r(
    {
      method: "post",
      path: "/api/access/connectors/csv",
      permission: "access.write",
      summary: "Upload the account CSV of a system without a connector (replaces its snapshot)",
      tag: "access",
      body: true,
    },
    (ctx, { body }) => importCsvSnapshot(ctx, body),
  );
  r(
    {
      method: "delete",
      path: "/api/access/connectors/{id}",
      permission: "access.write",
      summary: "Remove a connector",
      tag: "access",
    },
    (ctx, { params }) => removeConnector(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/access/reconcile",
      permission: "access.write",
      summary: "Reconcile every system against the roster now (or queue it with ?queue=1)",
      tag: "access",
    },
    async (ctx, { query }) => {
      if (query.queue === "1" && ctx.runtime.enqueue) {
        requirePermission(ctx, "access.write", "run access reconciliation");
        await ctx.runtime.enqueue("access.reconcile", {}, undefined, {
          singletonKey: "on-demand",
          singletonSeconds: 30,
        });
        return { queued: true };
      }
      return reconcileAccessNow(ctx);
    },
  );
  r(
    {
      method: "post",
      path: "/api/access/offboard/{id}",
      permission: "access.write",
      summary: "Offboard a person or an engagement (body {dryRun}); resumes a stored runbook",
      tag: "access",
      body: true,
    },
    (ctx, { params, body }) => {
      const dryRun = z.object({ dryRun: z.boolean().default(false) }).safeParse(body ?? {});
      if (!dryRun.success) throw new WardenError("invalid_input", "dryRun must be true or false.");
      return offboard(ctx, params.id, { dryRun: dryRun.data.dryRun });
    },
  );
  r(
    {
      method: "get",
      path: "/api/access/runbooks",
      permission: "internal.read",
      summary: "Offboarding runbooks (?engagementId=)",
      tag: "access",
    },
    (ctx, { query }) =>
      listRunbooks(ctx, query.engagementId !== undefined ? { engagementId: query.engagementId } : {}),
  );
  r(
    {
      method: "get",
      path: "/api/access/runbooks/{id}",
      permission: "internal.read",
      summary: "One offboarding runbook",
      tag: "access",
    },
    (ctx, { params }) => getRunbook(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/access/runbooks/{id}/items/complete",
      permission: "access.write",
      summary: "Complete a manual item: JSON {itemId, evidenceId, note}",
      tag: "access",
      body: true,
    },
    (ctx, { params, body }) => {
      const input = (body ?? {}) as Record<string, unknown>;
      return completeOffboardingItem(ctx, params.id, input.itemId, {
        evidenceId: input.evidenceId,
        note: input.note,
      });
    },
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/access-logs",
      permission: "access.write",
      summary: "Import an access log: JSON {text, format: csv|common-log, system, filename}",
      tag: "access",
      body: true,
    },
    (ctx, { params, body }) => importAccessLog(ctx, params.id, body),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/access-log-flags",
      permission: "internal.read",
      summary: "KO-3 flags",
      tag: "access",
    },
    (ctx, { params }) => listAccessLogFlags(ctx, params.id),
  );

  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/access/runbooks/{id}/items/upload",
      ...publishedAccess("access.write"),
      summary: "Complete a manual item with its file: multipart `itemId`, `note` and `file`",
      tags: ["access"],
      request: {
        params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }),
        body: {
          content: {
            "multipart/form-data": {
              schema: z.object({ itemId: z.string(), note: z.string().optional(), file: z.any() }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { description: "The runbook", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const guard = () => requirePermission(ctx, "access.write", "complete offboarding items");
      const { fields, file: upload } = await readMultipartForm(c, guard, "`itemId` and a `file`");
      const file = requireFile(upload, "Attach the evidence as `file`.");
      const note = fields.note;
      return c.json(
        await completeOffboardingItem(
          serviceContext(c),
          c.req.param("id"),
          fields.itemId ?? "",
          note ? { note } : {},
          file,
        ),
      );
    },
  );
}
