import type { OpenAPIHono } from "@hono/zod-openapi";
import { exportAuditFindings } from "../../services/exports/export-audit-findings.ts";
import { exportAuditLog } from "../../services/exports/export-audit-log.ts";
import { exportContractFindings } from "../../services/exports/export-contract-findings.ts";
import { exportControls } from "../../services/exports/export-controls.ts";
import { exportVendors } from "../../services/exports/export-vendors.ts";
import { exportResponse } from "../../services/exports/table-export.ts";
import { contractReviewReport } from "../../services/reports/contract-review-report.ts";
import { deliveryVerificationReport } from "../../services/reports/delivery-verification-report.ts";
import { engagementAuditPack } from "../../services/reports/engagement-audit-pack.ts";
import { leakCaseReport } from "../../services/reports/leak-case-report.ts";
import { reportResponse } from "../../services/reports/record-report.ts";
import type { AppEnv } from "../env.ts";
import { defineRoute } from "./define-route.ts";

/**
 * PDF reports (audit pack, contract review, delivery verification, leak case) and CSV/XLSX
 * exports of the UI's tables. Registered before the routes whose `{id}` would take `export`.
 */
export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);
  const tag = "reports";

  r(
    {
      method: "get",
      path: "/api/engagements/{id}/report.pdf",
      summary:
        "The engagement's audit pack (PDF): controls, evidence, attestations, exceptions, gates, contracts, deliveries, audit chain head",
      tag,
      permission: "audit.read",
    },
    async (ctx, i) => reportResponse(await engagementAuditPack(ctx, i.params.id)),
  );
  r(
    {
      method: "get",
      path: "/api/contracts/{id}/report.pdf",
      summary: "A contract's review (PDF)",
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => reportResponse(await contractReviewReport(ctx, i.params.id)),
  );
  r(
    {
      method: "get",
      path: "/api/custody/verifications/{id}/report.pdf",
      summary: "A delivery verification report (PDF)",
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => reportResponse(await deliveryVerificationReport(ctx, i.params.id)),
  );
  r(
    {
      method: "get",
      path: "/api/leaks/cases/{id}/report.pdf",
      summary: "A leak case's evidence pack (PDF)",
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => reportResponse(await leakCaseReport(ctx, i.params.id)),
  );

  const exportSummary = (what: string) => `${what} as CSV or XLSX (format=csv|xlsx)`;
  r(
    {
      method: "get",
      path: "/api/vendors/export",
      summary: exportSummary("Vendors (the list's filters: q, kind, parentVendorId)"),
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => exportResponse(await exportVendors(ctx, i.query)),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/controls/export",
      summary: exportSummary("The engagement's controls with status, reasons and framework references"),
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => exportResponse(await exportControls(ctx, i.params.id, i.query)),
  );
  r(
    {
      method: "get",
      path: "/api/contracts/{id}/findings/export",
      summary: exportSummary("A contract's findings"),
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => exportResponse(await exportContractFindings(ctx, i.params.id, i.query)),
  );
  r(
    {
      method: "get",
      path: "/api/audit-findings/export",
      summary: exportSummary("Audit findings (vendorId)"),
      tag,
      permission: "internal.read",
    },
    async (ctx, i) => exportResponse(await exportAuditFindings(ctx, i.query)),
  );
  r(
    {
      method: "get",
      path: "/api/audit/export",
      summary: exportSummary("The audit log (filters: actor, action, targetType, targetId, from, to)"),
      tag,
      permission: "audit.read",
    },
    async (ctx, i) => exportResponse(await exportAuditLog(ctx, i.query)),
  );
}
