import type { OpenAPIHono } from "@hono/zod-openapi";
import { acknowledgeAlert } from "../../services/custody/acknowledge-alert.ts";
import { addRepository } from "../../services/custody/custody-repositories.ts";
import {
  getCustodySettings,
  getEngagementCustodySettings,
  updateCustodySettings,
  updateEngagementCustodySettings,
} from "../../services/custody/custody-settings.ts";
import { getCustodyStatus, listCustodyOverview } from "../../services/custody/custody-status.ts";
import { getDeliveryReport, listDeliveryReports } from "../../services/custody/delivery-report.ts";
import { recordCodeDelivery } from "../../services/custody/record-code-delivery.ts";
import { requestSync } from "../../services/custody/sync-repository.ts";
import type { AppEnv } from "../env.ts";
import { defineRoute } from "./define-route.ts";

/**
 * Code custody: repositories and their mirrors, syncs and alerts, code deliveries and their
 * verification reports, and the custody settings. Credentials go in, never out.
 */
export function registerCustodyRoutes(app: OpenAPIHono<AppEnv>): void {
  const r = (spec: Parameters<typeof defineRoute>[1], handler: Parameters<typeof defineRoute>[2]) =>
    defineRoute(app, spec, handler);
  const tag = "custody";

  r(
    {
      method: "get",
      path: "/api/custody/repositories",
      permission: "internal.read",
      summary: "Every registered repository with its freshness",
      tag,
    },
    (ctx) => listCustodyOverview(ctx),
  );
  r(
    {
      method: "post",
      path: "/api/custody/repositories",
      permission: "engagements.write",
      summary:
        "Register a vendor repository: {engagementId, url, name?, username?, token?, syncIntervalMinutes?}; the token is sealed and never returned",
      tag,
      body: true,
      status: 201,
    },
    (ctx, { body }) => addRepository(ctx, body),
  );
  r(
    {
      method: "post",
      path: "/api/custody/repositories/{id}/sync",
      permission: "engagements.write",
      summary: "Queue a sync of the mirror now",
      tag,
    },
    (ctx, { params }) => requestSync(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/custody",
      permission: "internal.read",
      summary: "Custody status: repositories, freshness, syncs, refs, preserved refs and alerts",
      tag,
    },
    (ctx, { params }) => getCustodyStatus(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/custody/deliveries",
      permission: "internal.read",
      summary: "Verification reports of the engagement's code deliveries",
      tag,
    },
    (ctx, { params }) => listDeliveryReports(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/engagements/{id}/custody/settings",
      permission: "internal.read",
      summary: "How the engagement's deliveries are verified",
      tag,
    },
    (ctx, { params }) => getEngagementCustodySettings(ctx, params.id),
  );
  r(
    {
      method: "patch",
      path: "/api/engagements/{id}/custody/settings",
      permission: "engagements.write",
      summary:
        "Change how deliveries are verified: {commands?, requireSignedCommits?, secretAllowlist?, licencePolicy?, wallTimeSeconds?}",
      tag,
      body: true,
    },
    (ctx, { params, body }) => updateEngagementCustodySettings(ctx, params.id, body),
  );
  r(
    {
      method: "post",
      path: "/api/custody/alerts/{id}/acknowledge",
      permission: "engagements.write",
      summary: "Acknowledge a history-rewrite alert: {note}",
      tag,
      body: true,
    },
    (ctx, { params, body }) => acknowledgeAlert(ctx, params.id, body),
  );
  r(
    {
      method: "post",
      path: "/api/milestones/{id}/code-delivery",
      permission: "deliveries.record",
      summary: "Record a code delivery {repositoryId, ref, note?}: the milestone is verified from our mirror",
      tag,
      body: true,
      status: 201,
    },
    (ctx, { params, body }) => recordCodeDelivery(ctx, params.id, body),
  );
  r(
    {
      method: "get",
      path: "/api/custody/verifications/{id}",
      permission: "internal.read",
      summary: "A delivery report: each check, logs, findings with file and line, the verdict",
      tag,
    },
    (ctx, { params }) => getDeliveryReport(ctx, params.id),
  );
  r(
    {
      method: "get",
      path: "/api/settings/custody",
      permission: "internal.read",
      summary: "The organisation's custody settings",
      tag,
    },
    (ctx) => getCustodySettings(ctx),
  );
  r(
    {
      method: "patch",
      path: "/api/settings/custody",
      permission: "settings.manage",
      summary:
        "Change the custody settings (admins): {allowFileUrls?, allowGitDaemon?, licencePolicy?, defaultSyncIntervalMinutes?}",
      tag,
      body: true,
    },
    (ctx, { body }) => updateCustodySettings(ctx, body),
  );
}
