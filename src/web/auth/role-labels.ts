import type { Role } from "../api/api-types.ts";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  security: "Security",
  legal: "Legal",
  finance: "Finance",
  auditor: "Auditor",
  vendor: "Vendor contact",
};

/** What each role does, for the role picker. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Users, roles, settings and playbook customisation",
  security: "Engagements, controls, audits, access and leak cases",
  legal: "Contracts, clause findings and legal-review sign-off",
  finance: "Milestones and payment approval for accepted deliveries",
  auditor: "Read-only view of everything, evidence export",
  vendor: "Sees only their own vendor's engagements",
};
