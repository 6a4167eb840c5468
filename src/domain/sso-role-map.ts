import type { Role } from "./roles.ts";

/** The roles single sign-on may give, strongest first: a user in several groups gets the first. */
const SSO_ROLES: readonly Role[] = ["admin", "security", "legal", "finance", "auditor"];

/** Groups (as the identity provider names them) to Warden roles. */
export type SsoRoleMap = ReadonlyMap<string, Role>;

/**
 * Reads `WARDEN_OIDC_ROLE_MAP`: comma-separated `group:role` pairs. A group may appear once;
 * vendor contacts are never made through single sign-on, so `vendor` is refused.
 *
 * @example
 * parseSsoRoleMap("warden-admins:admin,warden-sec:security").get("warden-sec") === "security";
 */
export function parseSsoRoleMap(text: string): SsoRoleMap | string {
  const map = new Map<string, Role>();
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf(":");
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as Role;
    if (at <= 0 || !group) return `"${entry}" is not group:role`;
    if (!SSO_ROLES.includes(role))
      return `"${role}" in "${entry}" is not a role single sign-on may give (one of ${SSO_ROLES.join(", ")})`;
    if (map.has(group)) return `the group "${group}" is mapped twice`;
    map.set(group, role);
  }
  return map;
}

/** The strongest role the groups map to, or null when none maps. */
export function roleForGroups(groups: readonly string[], map: SsoRoleMap): Role | null {
  const roles = new Set(groups.map((g) => map.get(g)).filter((r): r is Role => r !== undefined));
  return SSO_ROLES.find((r) => roles.has(r)) ?? null;
}
