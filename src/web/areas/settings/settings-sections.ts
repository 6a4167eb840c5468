import type { User } from "../../api/api-types.ts";
import { type Permission, userCan } from "../../auth/permissions.ts";

export interface SettingsSection {
  to: string;
  label: string;
  permission?: Permission;
}

/** The settings tabs, in order; a new settings page adds one line here and a route in routes.tsx. */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { to: "/settings/users", label: "Users", permission: "users.manage" },
  { to: "/settings/security", label: "Sign-in & security" },
  { to: "/settings/tokens", label: "API tokens" },
  { to: "/settings/mail", label: "Mail" },
  { to: "/settings/webhooks", label: "Webhooks", permission: "settings.manage" },
  { to: "/settings/playbook", label: "Playbook", permission: "internal.read" },
  { to: "/settings/contract-policy", label: "Contract policy", permission: "internal.read" },
  { to: "/settings/audit-log", label: "Audit log", permission: "audit.read" },
];

export function settingsSectionsFor(user: User): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((s) => !s.permission || userCan(user, s.permission));
}
