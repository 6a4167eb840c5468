import { describe, expect, it } from "vitest";
import { parseSsoRoleMap, roleForGroups } from "./sso-role-map.ts";

describe("single sign-on role map", () => {
  it("maps groups to roles and gives the strongest of several", () => {
    const map = parseSsoRoleMap("warden-admins:admin, warden-sec:security,legal-team:legal");
    if (typeof map === "string") throw new Error(map);
    expect(roleForGroups(["legal-team", "warden-sec"], map)).toBe("security");
    expect(roleForGroups(["warden-admins", "legal-team"], map)).toBe("admin");
    expect(roleForGroups(["everyone"], map)).toBeNull();
  });

  it("refuses the vendor role, unknown roles, a missing role and a group mapped twice", () => {
    expect(parseSsoRoleMap("partners:vendor")).toMatch(/not a role single sign-on may give/);
    expect(parseSsoRoleMap("x:boss")).toMatch(/"boss"/);
    expect(parseSsoRoleMap("justagroup")).toMatch(/not group:role/);
    expect(parseSsoRoleMap("a:admin,a:legal")).toMatch(/mapped twice/);
  });

  it("keeps a colon inside a group name", () => {
    const map = parseSsoRoleMap("cn=a:b:auditor");
    expect(typeof map !== "string" && map.get("cn=a:b")).toBe("auditor");
  });
});
