import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requirePermission } from "../../services/context.ts";
import {
  getContractPolicy,
  updateContractPolicy,
} from "../../services/contracts/contract-policy-settings.ts";
import { getContract, readContractFile } from "../../services/contracts/get-contract.ts";
import { listContracts } from "../../services/contracts/list-contracts.ts";
import { reanalyseContract } from "../../services/contracts/reanalyse-contract.ts";
import { reviewContractFinding } from "../../services/contracts/review-contract-finding.ts";
import { uploadContract } from "../../services/contracts/upload-contract.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { fileResponse, readMultipartUpload, registerUploadRoute } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { defineRoute, publishedAccess } from "./define-route.ts";

/**
 * Contracts: multipart upload (under /upload, so the upload size limit
 * applies), lists, the analysis with legal's reviews, the file, re-analysis,
 * reviews, and the organisation's contract policy.
 */
export function registerContractRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);

  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path: "/api/contracts/upload",
      ...publishedAccess("contracts.write"),
      summary:
        "Upload a contract: multipart form with `meta` (JSON: engagementId, kind, title) and `file` (PDF, DOCX or text); its analysis is queued",
      tags: ["contracts"],
      request: {
        body: {
          content: {
            "multipart/form-data": { schema: z.object({ meta: z.string(), file: z.any().optional() }) },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: "Stored, analysis queued",
          content: { "application/json": { schema: z.unknown() } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const guard = () => requirePermission(ctx, "contracts.write", "upload contracts");
      return c.json(
        await readMultipartUpload(c, guard, (meta, upload) => uploadContract(ctx, meta, upload)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/contracts/{id}/file",
      ...publishedAccess("internal.read"),
      summary: "Download the uploaded contract file",
      tags: ["contracts"],
      request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
      responses: { 200: { description: "The file" }, ...problemResponses },
    }),
    (async (c: Context<AppEnv>) => {
      return fileResponse(await readContractFile(serviceContext(c), c.req.param("id")));
    }) as never,
  );

  r(
    {
      method: "get",
      path: "/api/contracts",
      permission: "internal.read",
      summary: "Contracts across engagements",
      tag: "contracts",
    },
    (ctx, { query }) => listContracts(ctx, query),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/contracts",
      permission: "internal.read",
      summary: "Contracts of an engagement",
      tag: "contracts",
    },
    (ctx, { params, query }) => listContracts(ctx, { ...query, engagementId: params.id }),
  );
  r(
    {
      method: "get",
      path: "/api/contracts/{id}",
      permission: "internal.read",
      summary: "A contract: text, clauses, terms, checks with legal's reviews applied",
      tag: "contracts",
    },
    (ctx, { params }) => getContract(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/contracts/{id}/reanalyse",
      permission: "contracts.write",
      summary: "Queue a new analysis of the contract (reviews are kept)",
      tag: "contracts",
    },
    (ctx, { params }) => reanalyseContract(ctx, params.id),
  );
  r(
    {
      method: "post",
      path: "/api/contracts/{id}/reviews",
      permission: "contracts.review",
      summary:
        "Confirm or override a finding: {target: check, control, decision: confirm|override, status?, comment} or {target: clause, clauseType, start, end, decision: confirm|reject, comment}",
      tag: "contracts",
      body: true,
      status: 201,
    },
    (ctx, { params, body }) => reviewContractFinding(ctx, params.id, body),
  );
  r(
    {
      method: "get",
      path: "/api/settings/contract-policy",
      permission: "internal.read",
      summary: "The organisation's contract policy",
      tag: "contracts",
    },
    (ctx) => getContractPolicy(ctx),
  );
  r(
    {
      method: "patch",
      path: "/api/settings/contract-policy",
      permission: "settings.manage",
      summary: "Change the contract policy (admins); the home country comes from the playbook settings",
      tag: "contracts",
      body: true,
    },
    (ctx, { body }) => updateContractPolicy(ctx, body),
  );
}
