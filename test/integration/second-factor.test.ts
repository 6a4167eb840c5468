import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { THROTTLE } from "../../src/services/auth/login-throttle.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

/** The code an authenticator app shows for this secret at this time (RFC 6238). */
function codeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}

interface Enrolled {
  client: TestClient;
  email: string;
  secret: string;
  recoveryCodes: string[];
}

/**
 * The TOTP second factor over HTTP: enrolment confirmed by a code, sign-in in two steps, a code
 * never accepted twice, one-time recovery codes, throttled wrong codes, the admin requirement, and
 * admin-set passwords changed at first sign-in.
 */
describe("second factor and password changes", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let clock = new Date("2026-06-01T10:00:00Z");
  const tick = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => clock });
    app = createApp(runtime);
  });
  afterAll(async () => runtime.close());

  async function signedIn(email: string, password = TEST_PASSWORD): Promise<TestClient> {
    const client = new TestClient(app);
    const res = await client.login(email, password);
    expect(res.status).toBe(200);
    return client;
  }

  async function enrol(role: "security" | "admin" = "security"): Promise<Enrolled> {
    const user = await makeUser(runtime, role);
    const client = await signedIn(user.email);
    const started = await client.request("POST", "/api/auth/second-factor/enrolment", {});
    expect(started.status).toBe(200);
    const { secret, qrCode, uri } = (await started.json()) as { secret: string; qrCode: string; uri: string };
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    expect(uri).toContain(`secret=${secret}`);
    const confirmed = await client.request("POST", "/api/auth/second-factor/confirm", {
      code: codeAt(secret, clock),
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    tick(30);
    return { client, email: user.email, secret, recoveryCodes };
  }

  /** Password first; returns the challenge (and checks no session came with it). */
  async function passwordStep(client: TestClient, email: string): Promise<string> {
    const res = await client.request("POST", "/api/auth/login", { email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("warden_session");
    const body = (await res.json()) as { secondFactor: { challenge: string } };
    return body.secondFactor.challenge;
  }

  async function codeStep(client: TestClient, challenge: string, code: string): Promise<Response> {
    const res = await client.request("POST", "/api/auth/second-factor/verify", { challenge, code });
    if (res.ok) client.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  it("turns on only once a code confirms the secret, kept sealed, with ten recovery codes stored hashed", async () => {
    const user = await makeUser(runtime, "legal");
    const client = await signedIn(user.email);
    const { secret } = (await (
      await client.request("POST", "/api/auth/second-factor/enrolment", {})
    ).json()) as {
      secret: string;
    };
    const wrong = await client.request("POST", "/api/auth/second-factor/confirm", { code: "000000" });
    expect(wrong.status).toBe(400);
    const status = await (await client.request("GET", "/api/auth/second-factor")).json();
    expect(status).toMatchObject({ enabled: false });
    const ok = await client.request("POST", "/api/auth/second-factor/confirm", {
      code: codeAt(secret, clock),
    });
    const { recoveryCodes } = (await ok.json()) as { recoveryCodes: string[] };
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await (await client.request("GET", "/api/auth/second-factor")).json()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    const row = await runtime.db
      .selectFrom("users")
      .select(["totp_secret", "totp_pending_secret"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_pending_secret).toBeNull();
    const stored = JSON.stringify(await runtime.db.selectFrom("recovery_codes").selectAll().execute());
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));
    tick(30);
  });

  it("asks for the code after the password; the half-signed-in state opens nothing else", async () => {
    const { email, secret } = await enrol();
    const client = new TestClient(app);
    const challenge = await passwordStep(client, email);
    expect((await client.request("GET", "/api/auth/me")).status).toBe(401);
    expect(
      (await client.request("GET", "/api/vendors", undefined, { authorization: `Bearer ${challenge}` }))
        .status,
    ).toBe(401);
    expect((await codeStep(client, challenge, "123456")).status).toBe(401);
    const res = await codeStep(client, challenge, codeAt(secret, clock));
    expect(res.status).toBe(200);
    expect((await client.request("GET", "/api/vendors")).status).toBe(200);
    // The challenge is spent with the sign-in.
    expect((await codeStep(new TestClient(app), challenge, codeAt(secret, clock))).status).toBe(401);
  });

  it("lets a challenge wait five minutes for its code, no longer", async () => {
    const { email, secret } = await enrol();
    const client = new TestClient(app);
    const challenge = await passwordStep(client, email);
    tick(5 * 60 + 1);
    const late = await codeStep(client, challenge, codeAt(secret, clock));
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ detail: expect.stringMatching(/expired/) });
  });

  it("accepts a code one step either side, and never the same or an older step again", async () => {
    const { email, secret } = await enrol();
    tick(120);
    const client = new TestClient(app);
    const previous = codeAt(secret, new Date(clock.getTime() - 30_000));
    const tooOld = codeAt(secret, new Date(clock.getTime() - 60_000));
    expect((await codeStep(client, await passwordStep(client, email), tooOld)).status).toBe(401);
    expect((await codeStep(client, await passwordStep(client, email), previous)).status).toBe(200);
    // Replayed within its window: refused, from any sign-in.
    const replay = new TestClient(app);
    const replayed = await codeStep(replay, await passwordStep(replay, email), previous);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ reason: "second_factor" });
    // The current step is later than the one used: accepted once.
    const current = codeAt(secret, clock);
    expect((await codeStep(replay, await passwordStep(replay, email), current)).status).toBe(200);
    const again = new TestClient(app);
    expect((await codeStep(again, await passwordStep(again, email), current)).status).toBe(401);
  });

  it("takes each recovery code once, and new ones replace the old", async () => {
    const { client, email, secret, recoveryCodes } = await enrol();
    const [first, second] = recoveryCodes as [string, string];
    const a = new TestClient(app);
    expect((await codeStep(a, await passwordStep(a, email), first.toUpperCase())).status).toBe(200);
    const b = new TestClient(app);
    expect((await codeStep(b, await passwordStep(b, email), first)).status).toBe(401);
    expect(await (await a.request("GET", "/api/auth/second-factor")).json()).toMatchObject({
      recoveryCodesLeft: 9,
    });
    const renewed = await client.request("POST", "/api/auth/second-factor/recovery-codes", {
      code: codeAt(secret, clock),
    });
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    tick(30);
    const c = new TestClient(app);
    expect((await codeStep(c, await passwordStep(c, email), second)).status).toBe(401);
  });

  it("counts wrong codes in the sign-in throttle", async () => {
    const { email, secret } = await enrol();
    const client = new TestClient(app);
    const challenge = await passwordStep(client, email);
    // The password attempt counts until the code is right; each wrong code counts too.
    for (let i = 1; i < THROTTLE.perAccountAtAddress; i++) {
      expect((await codeStep(client, challenge, "000000")).status).toBe(401);
    }
    const refused = await codeStep(client, challenge, codeAt(secret, clock));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    tick(THROTTLE.windowMs / 1000 + 60);
  });

  it("turns off only with a current code; an admin may reset it, audited, and others may not", async () => {
    const { client, secret } = await enrol();
    expect((await client.request("POST", "/api/auth/second-factor/disable", { code: "000000" })).status).toBe(
      400,
    );
    expect(
      (await client.request("POST", "/api/auth/second-factor/disable", { code: codeAt(secret, clock) }))
        .status,
    ).toBe(200);
    expect(await (await client.request("GET", "/api/auth/second-factor")).json()).toMatchObject({
      enabled: false,
    });

    const other = await enrol();
    const target = await runtime.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", other.email)
      .executeTakeFirstOrThrow();
    const security = await signedIn((await makeUser(runtime, "security")).email);
    expect((await security.request("POST", `/api/users/${target.id}/second-factor/reset`, {})).status).toBe(
      403,
    );
    const admin = await signedIn((await makeUser(runtime, "admin")).email);
    expect((await admin.request("POST", `/api/users/${target.id}/second-factor/reset`, {})).status).toBe(200);
    // The user's sessions ended; the password alone signs in again.
    expect((await other.client.request("GET", "/api/auth/me")).status).toBe(401);
    await signedIn(other.email);
    const audit = await runtime.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.second_factor.reset")
      .where("target_id", "=", target.id)
      .executeTakeFirst();
    expect(audit).toBeTruthy();
  });

  it("sends an admin without a second factor to enrol, and allows nothing else until then", async () => {
    const admin = await signedIn((await makeUser(runtime, "admin")).email);
    const on = await admin.request("PATCH", "/api/settings/sign-in", { adminSecondFactorRequired: true });
    expect(on.status).toBe(200);
    const other = await makeUser(runtime, "admin");
    const client = new TestClient(app);
    const res = await client.login(other.email, TEST_PASSWORD);
    expect(await res.json()).toMatchObject({ restriction: "enrol_second_factor" });
    const refused = await client.request("GET", "/api/vendors");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: "enrol_second_factor" });
    expect(
      (await client.request("PATCH", "/api/settings/sign-in", { adminSecondFactorRequired: false })).status,
    ).toBe(403);
    const { secret } = (await (
      await client.request("POST", "/api/auth/second-factor/enrolment", {})
    ).json()) as {
      secret: string;
    };
    expect(
      (await client.request("POST", "/api/auth/second-factor/confirm", { code: codeAt(secret, clock) }))
        .status,
    ).toBe(200);
    expect((await client.request("GET", "/api/vendors")).status).toBe(200);
    expect(await (await client.request("GET", "/api/auth/me")).json()).toMatchObject({ restriction: null });
    // Not admins' only: other roles are not held.
    const security = await signedIn((await makeUser(runtime, "security")).email);
    expect((await security.request("GET", "/api/vendors")).status).toBe(200);
    // Without single sign-on configured, password sign-in cannot be turned off.
    const off = await client.request("PATCH", "/api/settings/sign-in", { internalPasswordSignIn: false });
    expect(off.status).toBe(409);
    expect(
      (await client.request("PATCH", "/api/settings/sign-in", { adminSecondFactorRequired: false })).status,
    ).toBe(200);
    tick(30);
  });

  it("makes a user whose password an admin set change it before anything else", async () => {
    const admin = await signedIn((await makeUser(runtime, "admin")).email);
    const created = await admin.request("POST", "/api/users", {
      email: "newcomer@example.com",
      name: "Newcomer",
      role: "security",
      password: "a password the admin chose once",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const minted = await admin.request("POST", "/api/tokens", { name: "for the newcomer", userId: id });
    const bearer = { authorization: `Bearer ${((await minted.json()) as { token: string }).token}` };
    expect((await new TestClient(app).request("GET", "/api/vendors", undefined, bearer)).status).toBe(403);
    const client = new TestClient(app);
    const res = await client.login("newcomer@example.com", "a password the admin chose once");
    expect(await res.json()).toMatchObject({
      restriction: "change_password",
      user: { mustChangePassword: true },
    });
    const refused = await client.request("GET", "/api/vendors");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      reason: "change_password",
      detail: expect.stringMatching(/choose your own/),
    });
    expect((await client.request("POST", "/api/tokens", { name: "sneaky" })).status).toBe(403);
    const changed = await client.request("POST", "/api/auth/password", {
      currentPassword: "a password the admin chose once",
      newPassword: "my own rather long passphrase",
    });
    expect(changed.status).toBe(204);
    expect((await client.request("GET", "/api/vendors")).status).toBe(200);
    expect((await new TestClient(app).request("GET", "/api/vendors", undefined, bearer)).status).toBe(200);

    // An admin's reset sets the requirement again.
    const reset = await admin.request("POST", `/api/users/${id}/password`, {
      password: "another admin chosen secret",
    });
    expect(reset.status).toBe(204);
    const again = new TestClient(app);
    expect(
      await (await again.login("newcomer@example.com", "another admin chosen secret")).json(),
    ).toMatchObject({
      restriction: "change_password",
    });
    expect((await again.request("GET", "/api/vendors")).status).toBe(403);
  });
});
