import type { User } from "../api/api-types.ts";
import { type Permission, userCan } from "../auth/permissions.ts";

export interface NavArea {
  to: string;
  label: string;
  /** Shown only to users with this permission; none means every signed-in user. */
  permission?: Permission;
}

/** The main navigation, in order. A new top-level area adds one line here and a route in routes.tsx. */
export const NAV_AREAS: readonly NavArea[] = [
  { to: "/", label: "Dashboard", permission: "internal.read" },
  { to: "/vendors", label: "Vendors", permission: "internal.read" },
  { to: "/engagements", label: "Engagements", permission: "internal.read" },
  { to: "/contracts", label: "Contracts", permission: "internal.read" },
  { to: "/custody", label: "Code custody", permission: "internal.read" },
  { to: "/people", label: "People & access", permission: "internal.read" },
  { to: "/audits", label: "Audits", permission: "internal.read" },
  { to: "/leaks", label: "Leaks", permission: "internal.read" },
  { to: "/questionnaires", label: "Questionnaires", permission: "internal.read" },
  { to: "/portal", label: "Vendor portal", permission: "vendor.portal" },
  { to: "/settings", label: "Settings" },
];

/** Whether a nav entry is the current area (the dashboard only on "/", others by prefix). */
export function isCurrentArea(area: NavArea, pathname: string): boolean {
  if (area.to === "/") return pathname === "/";
  return pathname === area.to || pathname.startsWith(`${area.to}/`);
}

/** The areas this user may open, in menu order. */
export function navAreasFor(user: User): NavArea[] {
  return NAV_AREAS.filter((a) => !a.permission || userCan(user, a.permission));
}
