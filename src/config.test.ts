import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

const sso = {
  WARDEN_PUBLIC_URL: "https://warden.example.com/",
  WARDEN_OIDC_ISSUER: "https://id.example.com/realms/corp",
  WARDEN_OIDC_CLIENT_ID: "warden",
  WARDEN_OIDC_CLIENT_SECRET: "s3cret-value-never-shown",
};

describe("single sign-on configuration", () => {
  it("is off without its variables, and on with the three together", () => {
    expect(loadConfig({}).oidc).toBeNull();
    const config = loadConfig({
      ...sso,
      WARDEN_OIDC_ROLE_CLAIM: "groups",
      WARDEN_OIDC_ROLE_MAP: "admins:admin",
    });
    expect(config.oidc).toMatchObject({
      name: "id.example.com",
      redirectUri: "https://warden.example.com/api/auth/sso/callback",
      roleClaim: "groups",
    });
    expect(config.oidc?.roleMap.get("admins")).toBe("admin");
  });

  it("refuses a partial configuration without repeating the secret", () => {
    const partial = {
      WARDEN_OIDC_ISSUER: sso.WARDEN_OIDC_ISSUER,
      WARDEN_OIDC_CLIENT_SECRET: "s3cret-value-never-shown",
    };
    expect(() => loadConfig(partial)).toThrow(/need.*WARDEN_OIDC_CLIENT_ID/);
    try {
      loadConfig(partial);
    } catch (error) {
      expect(String(error)).not.toContain("s3cret");
    }
  });

  it("names a bad role map entry and how to write one", () => {
    expect(() => loadConfig({ ...sso, WARDEN_OIDC_ROLE_MAP: "partners:vendor" })).toThrow(
      /WARDEN_OIDC_ROLE_MAP: .*vendor.*group:role pairs/,
    );
  });
});
