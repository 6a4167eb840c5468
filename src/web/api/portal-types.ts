/**
 * What the vendor portal and the roster review queue read from the API (src/server/routes/portal.ts):
 * the services' own types.
 */
export type { PortalEvidence } from "../../services/portal/list-portal-evidence.ts";
export type { PortalPolicies } from "../../services/portal/list-portal-policies.ts";
export type { RosterRequestPage } from "../../services/roster-requests/list-roster-requests.ts";
export type { RosterRequestView as RosterRequest } from "../../services/roster-requests/roster-request-view.ts";
