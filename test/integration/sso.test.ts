import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { startOidcProvider, type TestOidcProvider, walkProviderPages } from "../support/oidc-provider.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const PUBLIC_URL = "http://warden.test";
const CALLBACK = `${PUBLIC_URL}/api/auth/sso/callback`;

/**
 * OpenID Connect sign-in against a real oidc-provider on loopback: the authorization code flow
 * with PKCE, state and nonce, through the provider's own sign-in and consent pages.
 */
describe("single sign-on", () => {
  let provider: TestOidcProvider;
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let vendorId: string;

  beforeAll(async () => {
    provider = await startOidcProvider({
      publicUrls: [PUBLIC_URL],
      accounts: {
        alice: { email: "Alice@Example.com", email_verified: true, name: "Alice" },
        bob: { email: "bob@example.com", email_verified: true, name: "Bob", groups: ["staff", "warden-sec"] },
        carol: { email: "carol@example.com", email_verified: true, groups: ["staff"] },
        dave: { email: "dave@example.com", email_verified: false, groups: ["warden-admins"] },
        erin: { email: "erin@example.com", email_verified: true, groups: ["warden-sec"] },
        frank: { email: "frank@example.com", email_verified: true, groups: ["warden-sec"] },
        victor: { email: "victor@vendor.example", email_verified: true },
        wendy: { email: "wendy@vendor.example", email_verified: true, groups: ["warden-sec"] },
      },
    });
    runtime = await createTestRuntime({
      env: provider.env(PUBLIC_URL, {
        WARDEN_OIDC_ROLE_CLAIM: "groups",
        WARDEN_OIDC_ROLE_MAP: "warden-admins:admin,warden-sec:security",
      }),
    });
    app = createApp(runtime);
    vendorId = (await makeEngagement(runtime, { name: "Vendor SSO" })).vendorId;
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    await provider?.stop();
  });

  /** Start at Warden, walk the provider's pages as `login`, and come back to the callback. */
  async function signInAs(login: string) {
    const start = await app.request("/api/auth/sso/start");
    expect(start.status).toBe(302);
    const stateCookie = /warden_sso_state=([^;]+)/.exec(start.headers.get("set-cookie") ?? "")?.[1];
    expect(stateCookie).toBeTruthy();
    const authorizationUrl = start.headers.get("location") ?? "";
    expect(authorizationUrl.startsWith(provider.issuer)).toBe(true);
    const callback = await walkProviderPages(authorizationUrl, login, CALLBACK);
    return { callback, stateCookie: stateCookie as string, back: () => comeBack(callback, stateCookie) };
  }

  async function comeBack(callback: string, stateCookie: string | undefined) {
    const url = new URL(callback);
    const res = await app.request(`${url.pathname}${url.search}`, {
      headers: stateCookie ? { cookie: `warden_sso_state=${stateCookie}` } : {},
    });
    expect(res.status).toBe(302);
    const session = /warden_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    return { location: res.headers.get("location") ?? "", session };
  }

  async function me(session: string | undefined) {
    const res = await app.request("/api/auth/me", { headers: { cookie: `warden_session=${session}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { user: { id: string; email: string; role: string } };
  }

  const accountOf = (email: string) =>
    runtime.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();

  async function auditOf(action: string) {
    return runtime.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", action)
      .orderBy("seq")
      .execute();
  }

  it("publishes the provider's name for the sign-in page", async () => {
    const res = await app.request("/api/auth/sso");
    expect(await res.json()).toEqual({ enabled: true, name: "Test Identity" });
  });

  it("signs in the account whose verified email matches, keeping its role, and audits it", async () => {
    const alice = await makeUser(runtime, "legal", { email: "alice@example.com" });
    const { back } = await signInAs("alice");
    const { location, session } = await back();
    expect(location).toBe(`${PUBLIC_URL}/`);
    expect((await me(session)).user).toMatchObject({ id: alice.id, role: "legal" });
    const logins = await auditOf("auth.sso_login");
    expect(logins.at(-1)).toMatchObject({ target_id: alice.id, actor_id: alice.id });
    expect(logins.at(-1)?.summary).toMatchObject({ issuer: provider.issuer, created: false });
  });

  it("creates an account with the strongest role the groups map to", async () => {
    const { back } = await signInAs("bob");
    const { location, session } = await back();
    expect(location).toBe(`${PUBLIC_URL}/`);
    const { user } = await me(session);
    expect(user).toMatchObject({ email: "bob@example.com", role: "security" });
    const created = await auditOf("user.create");
    expect(created.at(-1)).toMatchObject({ target_id: user.id });
    expect(created.at(-1)?.summary).toMatchObject({ role: "security", via: "single sign-on" });
  });

  it("makes no account when no group maps to a role, and says so", async () => {
    const { back } = await signInAs("carol");
    const { location, session } = await back();
    expect(location).toBe(`${PUBLIC_URL}/login?sso_error=no_role`);
    expect(session).toBeUndefined();
    expect(await accountOf("carol@example.com")).toBeUndefined();
    expect((await auditOf("auth.sso_failed")).at(-1)?.summary).toMatchObject({
      reason: "no_role",
      email: "carol@example.com",
    });
  });

  it("refuses an unverified email, even with an admin group, and audits it", async () => {
    const { back } = await signInAs("dave");
    const { location, session } = await back();
    expect(location).toBe(`${PUBLIC_URL}/login?sso_error=email_unverified`);
    expect(session).toBeUndefined();
    expect((await auditOf("auth.sso_failed")).at(-1)?.summary).toMatchObject({ reason: "email_unverified" });
    expect(await accountOf("dave@example.com")).toBeUndefined();
  });

  for (const [what, detail, change] of [
    ["for another audience", /aud/, (c: Record<string, unknown>) => ({ ...c, aud: "another-client" })],
    [
      "that has expired",
      /exp/,
      (c: Record<string, unknown>) => {
        const now = Math.floor(Date.now() / 1000);
        return { ...c, iat: now - 7200, exp: now - 3600 };
      },
    ],
    [
      "with another nonce",
      /nonce/,
      (c: Record<string, unknown>) => ({ ...c, nonce: "not-the-nonce-warden-sent" }),
    ],
  ] as const) {
    it(`refuses an ID token ${what}, signed by the provider's own key, and audits it`, async () => {
      const before = (await auditOf("auth.sso_login")).length;
      const { back } = await signInAs("erin");
      provider.tamperNextIdToken(change);
      const { location, session } = await back();
      expect(location).toBe(`${PUBLIC_URL}/login?sso_error=token_rejected`);
      expect(session).toBeUndefined();
      expect((await auditOf("auth.sso_login")).length).toBe(before);
      const failed = (await auditOf("auth.sso_failed")).at(-1);
      expect(failed?.summary).toMatchObject({
        reason: "token_rejected",
        detail: expect.stringMatching(detail),
      });
      expect(JSON.stringify(failed)).not.toContain(provider.clientSecret);
    });
  }

  it("accepts a state once: the same callback replayed is refused", async () => {
    const { callback, stateCookie, back } = await signInAs("erin");
    const first = await back();
    expect(first.location).toBe(`${PUBLIC_URL}/`);
    const replay = await comeBack(callback, stateCookie);
    expect(replay.location).toBe(`${PUBLIC_URL}/login?sso_error=state_unknown`);
    expect(replay.session).toBeUndefined();
    expect((await auditOf("auth.sso_failed")).at(-1)?.summary).toMatchObject({ reason: "state_unknown" });
  });

  it("refuses a callback in a browser that did not start the sign-in", async () => {
    const { callback } = await signInAs("erin");
    const res = await comeBack(callback, undefined);
    expect(res.location).toBe(`${PUBLIC_URL}/login?sso_error=state_mismatch`);
  });

  it("lets an existing vendor contact in by matched email, and never makes one", async () => {
    const victor = await makeUser(runtime, "vendor", { email: "victor@vendor.example", vendorId });
    const { session } = await (await signInAs("victor")).back();
    expect((await me(session)).user).toMatchObject({ id: victor.id, role: "vendor" });
    // wendy's group maps to security: an account is made, but never a vendor contact.
    const { session: wendy } = await (await signInAs("wendy")).back();
    expect((await me(wendy)).user).toMatchObject({ role: "security" });
  });

  it("keeps a disabled account out", async () => {
    const { setUserDisabled } = await import("../../src/services/users/disable-user.ts");
    const frank = await makeUser(runtime, "auditor", { email: "frank@example.com" });
    await setUserDisabled(systemContext(runtime), frank.id, true);
    const { location, session } = await (await signInAs("frank")).back();
    expect(location).toBe(`${PUBLIC_URL}/login?sso_error=account_disabled`);
    expect(session).toBeUndefined();
  });

  it("sends the browser back to the sign-in page when the provider cannot be reached", async () => {
    const { createTestRuntime: create } = await import("../support/test-runtime.ts");
    const down = await create({
      env: { ...provider.env(PUBLIC_URL), WARDEN_OIDC_ISSUER: "http://127.0.0.1:9" },
    });
    try {
      const res = await createApp(down).request("/api/auth/sso/start");
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${PUBLIC_URL}/login?sso_error=unavailable`);
    } finally {
      await down.close();
    }
  });

  it("never writes the client secret to the audit log", async () => {
    const rows = await runtime.db.selectFrom("audit_log").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(provider.clientSecret);
  });

  it("turns password sign-in off for internal users but keeps it for admins", async () => {
    const { updateSignInSettings } = await import("../../src/services/auth/sign-in-settings.ts");
    const { TEST_PASSWORD } = await import("../support/fixtures.ts");
    const legal = await makeUser(runtime, "legal");
    const admin = await makeUser(runtime, "admin");
    await updateSignInSettings(systemContext(runtime), { internalPasswordSignIn: false });
    const login = (email: string) =>
      app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
    const refused = await login(legal.email);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      reason: "password_sign_in_off",
      detail: /Sign in with Test Identity/,
    });
    expect((await login(admin.email)).status).toBe(200);
    await updateSignInSettings(systemContext(runtime), { internalPasswordSignIn: true });
    expect((await login(legal.email)).status).toBe(200);
  });
});
