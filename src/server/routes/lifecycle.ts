import type { OpenAPIHono } from "@hono/zod-openapi";
import { requireInternal, requirePermission } from "../../services/context.ts";
import { getDashboard } from "../../services/dashboard/get-dashboard.ts";
import { loadDemo } from "../../services/demo/load-demo.ts";
import { advanceStage } from "../../services/engagements/advance-stage.ts";
import { addAsset, updateAsset } from "../../services/engagements/assets.ts";
import { attestControl } from "../../services/engagements/attest-control.ts";
import {
  recordControlException,
  revokeControlException,
} from "../../services/engagements/control-exceptions.ts";
import { createEngagement, updateEngagement } from "../../services/engagements/create-engagement.ts";
import { getEngagement } from "../../services/engagements/get-engagement.ts";
import { listEngagements } from "../../services/engagements/list-engagements.ts";
import { exportResponse } from "../../services/exports/table-export.ts";
import { approvePayment, markPaid } from "../../services/milestones/approve-payment.ts";
import { createMilestone } from "../../services/milestones/create-milestone.ts";
import { listMilestones } from "../../services/milestones/list-milestones.ts";
import { decideDelivery, recordDelivery } from "../../services/milestones/move-milestone.ts";
import { addCustomControl, listControls, setControlDisabled } from "../../services/playbook/org-controls.ts";
import { readOrgSettings, updateOrgSettings } from "../../services/playbook/playbook-settings.ts";
import { listAudits, recordAudit, setFindingStatus } from "../../services/records/audits.ts";
import { listEvidence, setEvidenceDeleted } from "../../services/records/evidence.ts";
import { addGrant, listGrants, revokeGrant } from "../../services/records/grants.ts";
import { recordIncident, updateIncident } from "../../services/records/incidents.ts";
import {
  acknowledgePolicy,
  createPolicy,
  issuePolicyVersion,
  listPolicies,
} from "../../services/records/policies.ts";
import { listPeople } from "../../services/roster/list-people.ts";
import { exportRoster, importRosterCsv } from "../../services/roster/roster-csv.ts";
import { rosterMetrics } from "../../services/roster/roster-metrics.ts";
import { addPerson, setEngagementMember, updatePerson } from "../../services/roster/save-person.ts";
import { createVendor } from "../../services/vendors/create-vendor.ts";
import { getVendor } from "../../services/vendors/get-vendor.ts";
import { listVendors } from "../../services/vendors/list-vendors.ts";
import { setVendorDeleted, updateVendor } from "../../services/vendors/update-vendor.ts";
import { listVendorAccounts } from "../../services/vendors/vendor-accounts.ts";
import {
  addInsuranceCertificate,
  addVendorCertification,
  verifyVendorCertificate,
} from "../../services/vendors/vendor-certificates.ts";
import type { AppEnv } from "../env.ts";
import { defineRoute } from "./define-route.ts";

/** The engagement lifecycle API: vendors, engagements, roster, milestones, records, playbook, dashboard. */
export function registerLifecycleRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);

  r(
    {
      method: "post",
      path: "/api/demo",
      permission: "vendors.write",
      summary: "Load the demo workspace into an empty Warden (409 when it has vendors)",
      tag: "dashboard",
      status: 201,
    },
    (ctx) => loadDemo(ctx),
  );
  r(
    {
      method: "get",
      path: "/api/dashboard",
      permission: "internal.read",
      summary: "Overview: stages, risk heat map, expiring items, blocked gates",
      tag: "dashboard",
    },
    (ctx) => getDashboard(ctx),
  );

  // Vendors
  r(
    {
      method: "get",
      path: "/api/vendors",
      permission: "signed-in",
      summary: "List vendors (limit, offset, q, kind, parentVendorId)",
      tag: "vendors",
    },
    (ctx, i) => listVendors(ctx, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/vendors",
      permission: "vendors.write",
      summary: "Create a vendor or subcontractor",
      tag: "vendors",
      body: true,
      status: 201,
    },
    (ctx, i) => createVendor(ctx, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/vendors/{id}",
      permission: "signed-in",
      summary: "A vendor with certifications, insurance, chain, engagements, risk and jurisdiction advice",
      tag: "vendors",
    },
    (ctx, i) => getVendor(ctx, i.params.id),
  );
  r(
    {
      method: "get",
      path: "/api/vendors/{id}/accounts",
      permission: "internal.read",
      summary: "The vendor's active contact accounts, to send a questionnaire to (internal users)",
      tag: "vendors",
    },
    async (ctx, i) => ({ items: await listVendorAccounts(ctx, i.params.id) }),
  );
  r(
    {
      method: "patch",
      path: "/api/vendors/{id}",
      permission: "vendors.write",
      summary: "Change a vendor (details, assessment, chain disclosure)",
      tag: "vendors",
      body: true,
    },
    (ctx, i) => updateVendor(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "delete",
      path: "/api/vendors/{id}",
      permission: "vendors.write",
      summary: "Delete a vendor (soft; restore undoes it)",
      tag: "vendors",
    },
    (ctx, i) => setVendorDeleted(ctx, i.params.id, true),
  );
  r(
    {
      method: "post",
      path: "/api/vendors/{id}/restore",
      permission: "vendors.write",
      summary: "Restore a deleted vendor",
      tag: "vendors",
    },
    (ctx, i) => setVendorDeleted(ctx, i.params.id, false),
  );
  r(
    {
      method: "post",
      path: "/api/vendors/{id}/certifications",
      permission: "vendors.write",
      summary: "Record an organisation certification",
      tag: "vendors",
      body: true,
      status: 201,
    },
    (ctx, i) => {
      // Internal writers only: a vendor contact submits its own with the certificate file, through
      // the portal's upload.
      requirePermission(ctx, "vendors.write", "record vendor certifications");
      return addVendorCertification(ctx, i.params.id, i.body);
    },
  );
  r(
    {
      method: "post",
      path: "/api/vendors/{id}/insurance",
      permission: "vendors.write",
      summary: "Record an insurance certificate",
      tag: "vendors",
      body: true,
      status: 201,
    },
    (ctx, i) => {
      requirePermission(ctx, "vendors.write", "record insurance certificates");
      return addInsuranceCertificate(ctx, i.params.id, i.body);
    },
  );
  r(
    {
      method: "post",
      path: "/api/vendor-certifications/{id}/verify",
      permission: "vendors.write",
      summary: "Verify a certification the vendor submitted, so that it counts for the playbook",
      tag: "vendors",
    },
    (ctx, i) => verifyVendorCertificate(ctx, "certification", i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/insurance-certificates/{id}/verify",
      permission: "vendors.write",
      summary: "Verify an insurance certificate the vendor submitted, so that it counts for the playbook",
      tag: "vendors",
    },
    (ctx, i) => verifyVendorCertificate(ctx, "insurance", i.params.id),
  );

  // Roster
  r(
    {
      method: "get",
      path: "/api/vendors/{id}/people",
      permission: "signed-in",
      summary: "A vendor's roster (filters, sort, pagination)",
      tag: "roster",
    },
    (ctx, i) => listPeople(ctx, i.params.id, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/vendors/{id}/people",
      permission: "roster.write",
      summary: "Add a person to the roster",
      tag: "roster",
      body: true,
      status: 201,
    },
    (ctx, i) => addPerson(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "patch",
      path: "/api/people/{id}",
      permission: "roster.write",
      summary: "Change a person (NDA, training, leaving)",
      tag: "roster",
      body: true,
    },
    (ctx, i) => updatePerson(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/vendors/{id}/roster-metrics",
      permission: "signed-in",
      summary: "NDA and certification coverage, turnover and its trend",
      tag: "roster",
    },
    (ctx, i) => rosterMetrics(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/vendors/{id}/roster/import",
      permission: "roster.write",
      summary:
        "Import a roster CSV: {csv, commit}; preview with per-row errors, nothing written if any row is invalid",
      tag: "roster",
      body: true,
    },
    (ctx, i) => {
      const body = (i.body ?? {}) as { csv?: unknown; commit?: unknown };
      return importRosterCsv(ctx, i.params.id, typeof body.csv === "string" ? body.csv : "", {
        commit: body.commit === true,
      });
    },
  );
  r(
    {
      method: "get",
      path: "/api/vendors/{id}/roster/export",
      permission: "signed-in",
      summary: "The roster as CSV (the import's columns) or XLSX",
      tag: "roster",
      produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      query: { format: "csv (the default) or xlsx" },
    },
    async (ctx, i) => exportResponse(await exportRoster(ctx, i.params.id, i.query)),
  );

  // Engagements
  r(
    {
      method: "get",
      path: "/api/engagements",
      permission: "signed-in",
      summary: "List engagements (limit, offset, q, vendorId, stage)",
      tag: "engagements",
    },
    (ctx, i) => listEngagements(ctx, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/engagements",
      permission: "engagements.write",
      summary: "Open an engagement",
      tag: "engagements",
      body: true,
      status: 201,
    },
    (ctx, i) => createEngagement(ctx, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}",
      permission: "internal.read",
      summary: "An engagement with every control evaluated, the gate and the risk",
      tag: "engagements",
    },
    (ctx, i) => {
      // The live evaluation (every control's result, the gate, the risk score) is internal: a
      // vendor contact sees its engagements in the portal's list, and what it must do there.
      requireInternal(ctx);
      return getEngagement(ctx, i.params.id);
    },
  );
  r(
    {
      method: "patch",
      path: "/api/engagements/{id}",
      permission: "engagements.write",
      summary: "Change an engagement",
      tag: "engagements",
      body: true,
    },
    (ctx, i) => updateEngagement(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/advance",
      permission: "engagements.write",
      summary: "Move to the next stage if the gate is open (409 gate_blocked names the blockers)",
      tag: "engagements",
    },
    (ctx, i) => advanceStage(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/assets",
      permission: "engagements.write",
      summary: "Record an asset and its classification",
      tag: "engagements",
      body: true,
      status: 201,
    },
    (ctx, i) => addAsset(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "patch",
      path: "/api/assets/{id}",
      permission: "engagements.write",
      summary: "Change or classify an asset",
      tag: "engagements",
      body: true,
    },
    (ctx, i) => updateAsset(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/attestations",
      permission: "controls.attest",
      summary: "Attest a manual control",
      tag: "engagements",
      body: true,
      status: 201,
    },
    (ctx, i) => attestControl(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/exceptions",
      permission: "exceptions.approve",
      summary: "Record an approved exception (admins)",
      tag: "engagements",
      body: true,
      status: 201,
    },
    (ctx, i) => recordControlException(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "delete",
      path: "/api/exceptions/{id}",
      permission: "exceptions.approve",
      summary: "Revoke an exception",
      tag: "engagements",
    },
    (ctx, i) => revokeControlException(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/members/{personId}",
      permission: "roster.write",
      summary: "Put a person on the engagement",
      tag: "roster",
    },
    (ctx, i) => setEngagementMember(ctx, i.params.id, i.params.personId, true),
  );
  r(
    {
      method: "delete",
      path: "/api/engagements/{id}/members/{personId}",
      permission: "roster.write",
      summary: "Take a person off the engagement",
      tag: "roster",
    },
    (ctx, i) => setEngagementMember(ctx, i.params.id, i.params.personId, false),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/grants",
      permission: "signed-in",
      summary: "Access grants of the engagement",
      tag: "access",
    },
    (ctx, i) => listGrants(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/grants",
      permission: "access.write",
      summary: "Record a grant",
      tag: "access",
      body: true,
      status: 201,
    },
    (ctx, i) => addGrant(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/grants/{id}/revoke",
      permission: "access.write",
      summary: "Revoke a grant",
      tag: "access",
    },
    (ctx, i) => revokeGrant(ctx, i.params.id),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/evidence",
      permission: "signed-in",
      summary: "Evidence of the engagement",
      tag: "evidence",
    },
    (ctx, i) => listEvidence(ctx, i.params.id),
  );
  r(
    {
      method: "delete",
      path: "/api/evidence/{id}",
      permission: "evidence.write",
      summary: "Withdraw evidence (restore undoes it)",
      tag: "evidence",
    },
    (ctx, i) => setEvidenceDeleted(ctx, i.params.id, true),
  );
  r(
    {
      method: "post",
      path: "/api/evidence/{id}/restore",
      permission: "evidence.write",
      summary: "Restore withdrawn evidence",
      tag: "evidence",
    },
    (ctx, i) => setEvidenceDeleted(ctx, i.params.id, false),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/incidents",
      permission: "engagements.write",
      summary: "Record a vendor incident",
      tag: "incidents",
      body: true,
      status: 201,
    },
    (ctx, i) => recordIncident(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "patch",
      path: "/api/incidents/{id}",
      permission: "engagements.write",
      summary: "Materiality decision, disclosure, status",
      tag: "incidents",
      body: true,
    },
    (ctx, i) => updateIncident(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/policies",
      permission: "signed-in",
      summary: "Policies in force and their acknowledgements",
      tag: "policies",
    },
    (ctx, i) => listPolicies(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/policies",
      permission: "engagements.write",
      summary: "Issue a policy or SOP",
      tag: "policies",
      body: true,
      status: 201,
    },
    (ctx, i) => createPolicy(ctx, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/policies/{id}/versions",
      permission: "engagements.write",
      summary: "Issue a new version (acknowledgements reset)",
      tag: "policies",
      body: true,
      status: 201,
    },
    (ctx, i) => issuePolicyVersion(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/policies/{id}/acknowledgements/{personId}",
      permission: ["roster.write", "vendor.portal"] as const,
      summary: "Record an acknowledgement of the current version",
      tag: "policies",
    },
    (ctx, i) => acknowledgePolicy(ctx, i.params.id, i.params.personId),
  );

  // Milestones
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/milestones",
      permission: "signed-in",
      summary: "Milestones of the engagement",
      tag: "milestones",
    },
    (ctx, i) => listMilestones(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/engagements/{id}/milestones",
      permission: "milestones.write",
      summary: "Plan a milestone",
      tag: "milestones",
      body: true,
      status: 201,
    },
    (ctx, i) => createMilestone(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/milestones/{id}/deliver",
      permission: "deliveries.record",
      summary: "Record a delivery",
      tag: "milestones",
      body: true,
    },
    (ctx, i) => recordDelivery(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/milestones/{id}/decide",
      permission: "deliveries.accept",
      summary:
        "Security's decision on a delivery: {accept, reason}. Accepting is a manual acceptance (an exception to verification) and needs a reason",
      tag: "milestones",
      body: true,
    },
    (ctx, i) => decideDelivery(ctx, i.params.id, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/milestones/{id}/approve-payment",
      permission: "payments.approve",
      summary: "Approve payment (finance; accepted deliveries only)",
      tag: "milestones",
    },
    (ctx, i) => approvePayment(ctx, i.params.id),
  );
  r(
    {
      method: "post",
      path: "/api/milestones/{id}/paid",
      permission: "payments.approve",
      summary: "Record the payment (finance)",
      tag: "milestones",
    },
    (ctx, i) => markPaid(ctx, i.params.id),
  );

  // Audits
  r(
    {
      method: "get",
      path: "/api/audits",
      permission: "internal.read",
      summary: "Audits and findings (vendorId)",
      tag: "audits",
    },
    (ctx, i) => listAudits(ctx, i.query),
  );
  r(
    {
      method: "post",
      path: "/api/audits",
      permission: "engagements.write",
      summary: "Record an audit with findings",
      tag: "audits",
      body: true,
      status: 201,
    },
    (ctx, i) => recordAudit(ctx, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/findings/{id}/close",
      permission: "engagements.write",
      summary: "Close an audit finding",
      tag: "audits",
    },
    (ctx, i) => setFindingStatus(ctx, i.params.id, "closed"),
  );
  r(
    {
      method: "post",
      path: "/api/findings/{id}/reopen",
      permission: "engagements.write",
      summary: "Reopen an audit finding",
      tag: "audits",
    },
    (ctx, i) => setFindingStatus(ctx, i.params.id, "open"),
  );

  // Playbook
  r(
    {
      method: "get",
      path: "/api/playbook/controls",
      permission: "internal.read",
      summary: "The organisation's playbook",
      tag: "playbook",
    },
    (ctx) => listControls(ctx),
  );
  r(
    {
      method: "post",
      path: "/api/playbook/controls",
      permission: "settings.manage",
      summary: "Add an organisation control (ORG-…)",
      tag: "playbook",
      body: true,
      status: 201,
    },
    (ctx, i) => addCustomControl(ctx, i.body),
  );
  r(
    {
      method: "post",
      path: "/api/playbook/controls/{controlId}/state",
      permission: "settings.manage",
      summary: "Turn a control off (with reason) or on: {disabled, reason}",
      tag: "playbook",
      body: true,
    },
    (ctx, i) => setControlDisabled(ctx, i.params.controlId, i.body),
  );
  r(
    {
      method: "get",
      path: "/api/playbook/settings",
      permission: "internal.read",
      summary: "Playbook settings (turnover threshold, audit intervals, home country…)",
      tag: "playbook",
    },
    async (ctx) => {
      requireInternal(ctx);
      return readOrgSettings(ctx.runtime.db);
    },
  );
  r(
    {
      method: "patch",
      path: "/api/playbook/settings",
      permission: "settings.manage",
      summary: "Change playbook settings (admins)",
      tag: "playbook",
      body: true,
    },
    (ctx, i) => updateOrgSettings(ctx, i.body),
  );
}
