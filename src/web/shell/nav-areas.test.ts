import { describe, expect, it } from "vitest";
import type { Role, User } from "../api/api-types.ts";
import { settingsSectionsFor } from "../areas/settings/settings-sections.ts";
import { isCurrentArea, NAV_AREAS, navAreasFor } from "./nav-areas.ts";

function userWithRole(role: Role): User {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    email: `${role}@example.test`,
    name: role,
    role,
    vendorId: role === "vendor" ? "00000000-0000-4000-8000-0000000000aa" : null,
    disabled: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    mustChangePassword: false,
    secondFactor: false,
  };
}

const labels = (role: Role) => navAreasFor(userWithRole(role)).map((a) => a.label);
const sections = (role: Role) => settingsSectionsFor(userWithRole(role)).map((s) => s.label);

describe("navigation by role", () => {
  it("offers a vendor contact only the vendor portal and their own settings", () => {
    expect(labels("vendor")).toEqual(["Vendor portal", "Settings"]);
    expect(sections("vendor")).toEqual(["Sign-in & security", "API tokens", "Mail"]);
  });

  it("offers every internal area to each internal role, and never the vendor portal", () => {
    for (const role of ["admin", "security", "legal", "finance", "auditor"] as const) {
      expect(labels(role)).toEqual(NAV_AREAS.filter((a) => a.label !== "Vendor portal").map((a) => a.label));
    }
  });

  it("offers user management and webhooks to admins only, the playbook and contract policy to internal roles, and the audit log to those who may read it", () => {
    const internal = ["Sign-in & security", "API tokens", "Mail", "Playbook", "Contract policy"];
    expect(sections("admin")).toEqual([
      "Users",
      "Sign-in & security",
      "API tokens",
      "Mail",
      "Webhooks",
      "Playbook",
      "Contract policy",
      "Audit log",
    ]);
    expect(sections("security")).toEqual([...internal, "Audit log"]);
    expect(sections("auditor")).toEqual([...internal, "Audit log"]);
    expect(sections("legal")).toEqual(internal);
    expect(sections("finance")).toEqual(internal);
    expect(sections("vendor")).toEqual(["Sign-in & security", "API tokens", "Mail"]);
  });

  it("marks the dashboard current only on / and other areas on their sub-paths", () => {
    const dashboard = NAV_AREAS.find((a) => a.to === "/")!;
    const settings = NAV_AREAS.find((a) => a.to === "/settings")!;
    expect(isCurrentArea(dashboard, "/")).toBe(true);
    expect(isCurrentArea(dashboard, "/vendors")).toBe(false);
    expect(isCurrentArea(settings, "/settings/users")).toBe(true);
    expect(isCurrentArea(settings, "/settingsx")).toBe(false);
  });
});
