import type { Role } from "../store/schema.ts";

export type { Role };
export const ROLES: readonly Role[] = ["admin", "security", "legal", "finance", "auditor", "vendor"];

/** Who is acting: a signed-in user, a token's user, or the system itself (jobs, CLI setup). */
export interface Actor {
  kind: "user" | "system";
  id: string | null;
  label: string;
  role: Role | "system";
  /** Set for vendor contacts: every read and write is confined to this vendor. */
  vendorId: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  kind: "system",
  id: null,
  label: "system",
  role: "system",
  vendorId: null,
};

/**
 * The permissions. A permission names what may be done; the services ask for
 * one before they act, and vendor scope is applied on top in their queries.
 */
export type Permission =
  | "users.manage"
  | "settings.manage"
  | "audit.read"
  | "internal.read"
  | "vendors.write"
  | "engagements.write"
  | "controls.attest"
  | "exceptions.approve"
  | "contracts.write"
  | "contracts.review"
  | "milestones.write"
  | "deliveries.record"
  | "deliveries.accept"
  | "payments.approve"
  | "evidence.write"
  | "roster.write"
  | "access.write"
  | "leaks.write"
  | "questionnaires.write"
  | "vendor.portal";

const grants: Record<Role | "system", readonly Permission[]> = {
  admin: [
    "users.manage",
    "settings.manage",
    "audit.read",
    "internal.read",
    "vendors.write",
    "engagements.write",
    "controls.attest",
    "exceptions.approve",
    "evidence.write",
    "roster.write",
    "access.write",
    "leaks.write",
    "questionnaires.write",
    "milestones.write",
    "deliveries.record",
  ],
  security: [
    "audit.read",
    "internal.read",
    "vendors.write",
    "engagements.write",
    "controls.attest",
    "evidence.write",
    "roster.write",
    "access.write",
    "leaks.write",
    "questionnaires.write",
    "milestones.write",
    "deliveries.record",
    "deliveries.accept",
  ],
  legal: ["internal.read", "contracts.write", "contracts.review", "controls.attest", "evidence.write"],
  finance: ["internal.read", "payments.approve", "milestones.write"],
  auditor: ["audit.read", "internal.read"],
  vendor: ["vendor.portal"],
  system: [
    "users.manage",
    "settings.manage",
    "audit.read",
    "internal.read",
    "vendors.write",
    "engagements.write",
    "controls.attest",
    "exceptions.approve",
    "contracts.write",
    "contracts.review",
    "milestones.write",
    "deliveries.record",
    "deliveries.accept",
    "evidence.write",
    "roster.write",
    "access.write",
    "leaks.write",
    "questionnaires.write",
  ],
};

export function can(actor: Actor, permission: Permission): boolean {
  return grants[actor.role].includes(permission);
}
