import type { OpenAPIHono } from "@hono/zod-openapi";
import { exportAuditFindings } from "../../services/exports/export-audit-findings.ts";
import { exportAuditLog } from "../../services/exports/export-audit-log.ts";
import { exportContractFindings } from "../../services/exports/export-contract-findings.ts";
import { exportContracts } from "../../services/exports/export-contracts.ts";
import { exportControls } from "../../services/exports/export-controls.ts";
import { exportEngagements } from "../../services/exports/export-engagements.ts";
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
  const pdf = ["application/pdf"];
  const table = ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
  const format = { format: "csv (the default) or xlsx" };

  r(
    {
      method: "get",
      path: "/api/engagements/{id}/report.pdf",
      summary:
        "The engagement's audit pack (PDF): controls, evidence, attestations, exceptions, gates, contracts, deliveries, audit chain head",
      tag,
      permission: "audit.read",
      produces: pdf,
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
      produces: pdf,
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
      produces: pdf,
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
      produces: pdf,
    },
    async (ctx, i) => reportResponse(await leakCaseReport(ctx, i.params.id)),
  );

  /** A table's export: its rows as CSV or XLSX, with the list's filters as query parameters. */
  const exportRoute = (
    path: string,
    what: string,
    permission: "internal.read" | "audit.read",
    filters: Record<string, string>,
    handler: Parameters<typeof defineRoute>[2],
  ) =>
    r(
      {
        method: "get",
        path,
        summary: `${what} as CSV or XLSX`,
        tag,
        permission,
        produces: table,
        query: { ...format, ...filters },
      },
      handler,
    );
  exportRoute(
    "/api/vendors/export",
    "Vendors",
    "internal.read",
    {
      q: "part of the legal name",
      kind: "all, principal or subcontractor",
      parentVendorId: "a vendor's subcontractors",
    },
    async (ctx, i) => exportResponse(await exportVendors(ctx, i.query)),
  );
  exportRoute(
    "/api/engagements/export",
    "Engagements",
    "internal.read",
    { q: "part of the name", vendorId: "one vendor's engagements", stage: "one stage" },
    async (ctx, i) => exportResponse(await exportEngagements(ctx, i.query)),
  );
  exportRoute(
    "/api/contracts/export",
    "Contracts",
    "internal.read",
    { engagementId: "one engagement's contracts" },
    async (ctx, i) => exportResponse(await exportContracts(ctx, i.query)),
  );
  exportRoute(
    "/api/engagements/{id}/controls/export",
    "The engagement's controls with status, reasons and framework references",
    "internal.read",
    {},
    async (ctx, i) => exportResponse(await exportControls(ctx, i.params.id, i.query)),
  );
  exportRoute(
    "/api/contracts/{id}/findings/export",
    "A contract's findings with legal's reviews",
    "internal.read",
    {},
    async (ctx, i) => exportResponse(await exportContractFindings(ctx, i.params.id, i.query)),
  );
  exportRoute(
    "/api/audit-findings/export",
    "Audit findings",
    "internal.read",
    { vendorId: "one vendor's audits" },
    async (ctx, i) => exportResponse(await exportAuditFindings(ctx, i.query)),
  );
  exportRoute(
    "/api/audit/export",
    "The audit log, newest first",
    "audit.read",
    {
      actor: "part of the actor's name or email",
      action: "an action or its start (contract.review)",
      targetType: "the target's type",
      targetId: "the target's id",
      from: "first day (YYYY-MM-DD, UTC)",
      to: "last day (YYYY-MM-DD, UTC)",
    },
    async (ctx, i) => exportResponse(await exportAuditLog(ctx, i.query)),
  );
}
