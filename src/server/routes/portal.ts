import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ServiceContext } from "../../services/context.ts";
import { listPortalEvidence } from "../../services/portal/list-portal-evidence.ts";
import { listPortalPolicies } from "../../services/portal/list-portal-policies.ts";
import { acknowledgePolicy } from "../../services/records/policies.ts";
import { listRosterRequests } from "../../services/roster-requests/list-roster-requests.ts";
import { proposeJoiner, proposeLeaver } from "../../services/roster-requests/propose-roster-change.ts";
import {
  approveRosterRequest,
  rejectRosterRequest,
} from "../../services/roster-requests/review-roster-request.ts";
import { withdrawRosterRequest } from "../../services/roster-requests/withdraw-roster-request.ts";
import { requirePortalVendor } from "../../services/scope.ts";
import {
  addInsuranceCertificate,
  addVendorCertification,
} from "../../services/vendors/vendor-certificates.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { readMultipartUpload, registerUploadRoute, type UploadedFile } from "../multipart-upload.ts";
import { problemResponses } from "../schemas.ts";
import { defineRoute, pathParams, publishedAccess } from "./define-route.ts";

/**
 * The vendor portal beyond questionnaires: roster change requests (proposed by the vendor,
 * reviewed by the security team), policy acknowledgements, certificates and evidence.
 */
export function registerPortalRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);

  r(
    {
      method: "get",
      path: "/api/portal/roster-requests",
      permission: "signed-in",
      summary: "Your vendor's roster change requests, with status and any rejection reason",
      tag: "portal",
    },
    (ctx, i) => listRosterRequests(ctx, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/portal/roster-requests/joiners",
      permission: "vendor.portal",
      summary: "Propose a joiner (the roster's person fields and engagementIds), for review",
      tag: "portal",
      body: true,
      status: 201,
    },
    (ctx, i) => proposeJoiner(ctx, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/portal/roster-requests/leavers",
      permission: "vendor.portal",
      summary: "Mark one of your people as leaving: {personId, endDate}, for review",
      tag: "portal",
      body: true,
      status: 201,
    },
    (ctx, i) => proposeLeaver(ctx, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/portal/roster-requests/{id}/withdraw",
      permission: "vendor.portal",
      summary: "Withdraw one of your requests still waiting for review",
      tag: "portal",
    },
    (ctx, i) => withdrawRosterRequest(ctx, i.params.id),
  );
  r(
    {
      method: "get",
      path: "/api/roster-requests",
      permission: "signed-in",
      summary: "Roster change requests from vendors (vendorId, status); `pending` counts the review queue",
      tag: "roster",
    },
    (ctx, i) => listRosterRequests(ctx, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/roster-requests/{id}/approve",
      permission: "roster.write",
      summary: "Approve a roster change request: the change is applied to the roster",
      tag: "roster",
    },
    (ctx, i) => approveRosterRequest(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/roster-requests/{id}/reject",
      permission: "roster.write",
      summary: "Reject a roster change request: {reason}, shown to the vendor",
      tag: "roster",
      body: true,
    },
    (ctx, i) => rejectRosterRequest(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/portal/policies",
      permission: "vendor.portal",
      summary: "Policies in force on your engagements, your people, and who acknowledged which",
      tag: "portal",
    },
    (ctx) => listPortalPolicies(ctx),
  );
  r(
    {
      method: "get",
      path: "/api/portal/evidence",
      permission: "vendor.portal",
      summary: "Evidence held for your vendor and its engagements (upload with POST /api/evidence/upload)",
      tag: "portal",
    },
    (ctx) => listPortalEvidence(ctx),
  );

  upload(
    app,
    "/api/portal/policies/{id}/acknowledgements/{personId}/upload",
    "Record an acknowledgement for one of your people: `meta` (JSON: acknowledgedOn) and an optional signed `file`",
    (ctx, meta, file, params) => acknowledgePolicy(ctx, params.id, params.personId, meta, file),
  );
  upload(
    app,
    "/api/portal/certifications/upload",
    "Submit an organisation certification: `meta` (JSON: kind, issuer, issuedOn, expiresOn) and the certificate `file`",
    (ctx, meta, file) => addVendorCertification(ctx, requirePortalVendor(ctx), meta, file),
  );
  upload(
    app,
    "/api/portal/insurance/upload",
    "Submit an insurance certificate: `meta` (JSON: insurer, policyNumber, coverageAmount, currency, expiresOn) and the certificate `file`",
    (ctx, meta, file) => addInsuranceCertificate(ctx, requirePortalVendor(ctx), meta, file),
  );
}

/** A multipart route (`meta` JSON and an optional `file`) under the upload size limit. */
function upload(
  app: OpenAPIHono<AppEnv>,
  path: string,
  summary: string,
  handler: (
    ctx: ServiceContext,
    meta: unknown,
    file: UploadedFile | null,
    params: Record<string, string>,
  ) => Promise<unknown>,
): void {
  registerUploadRoute(
    app,
    createRoute({
      method: "post",
      path,
      // Only vendor contacts, for their own vendor: the guard asks for the portal before the body is read.
      ...publishedAccess("vendor.portal"),
      summary,
      tags: ["portal"],
      request: {
        ...pathParams(path),
        body: {
          content: {
            "multipart/form-data": { schema: z.object({ meta: z.string(), file: z.any().optional() }) },
          },
          required: true,
        },
      },
      responses: {
        201: { description: "Recorded", content: { "application/json": { schema: z.unknown() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const params = c.req.param() as Record<string, string>;
      const guard = () => {
        requirePortalVendor(ctx);
      };
      const result = await readMultipartUpload(c, guard, (meta, file) => handler(ctx, meta, file, params));
      return c.json(result as object, 201);
    },
  );
}
