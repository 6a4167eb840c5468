import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiToken, createApiToken, revokeApiToken } from "../../src/services/auth/api-tokens.ts";
import { type LoginResult, logIn } from "../../src/services/auth/log-in.ts";
import { THROTTLE } from "../../src/services/auth/login-throttle.ts";
import { authenticateSession, SESSION_ROTATE_MS } from "../../src/services/auth/sessions.ts";
import { completeSetup, isSetupNeeded, issueSetupToken } from "../../src/services/auth/setup.ts";
import { setUserDisabled } from "../../src/services/users/disable-user.ts";
import { contextFor, makeUser, systemContext, TEST_PASSWORD, uniqueEmail } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("authentication", () => {
  let runtime: TestRuntime;
  let clock = new Date("2026-03-01T09:00:00Z");
  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => clock });
  });
  afterAll(async () => runtime.close());
  const client = { ip: "203.0.113.7", userAgent: "test" };
  /** A password sign-in of an account without a second factor opens a session at once. */
  const signIn = async (input: { email: string; password: string }) =>
    (await logIn(runtime, input, client)) as LoginResult;

  it("creates the first admin once with the setup token, and the token cannot be reused", async () => {
    expect(await isSetupNeeded(runtime)).toBe(true);
    const token = await issueSetupToken(runtime);
    expect(token).toBeTruthy();
    // A second process starting on the same database prints its own link; the first one still works.
    const other = await issueSetupToken(runtime);
    expect(other).toBeTruthy();
    await expect(
      completeSetup(
        runtime,
        { token: "wrong", email: "root@example.com", name: "Root", password: TEST_PASSWORD },
        client,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    const { user } = await completeSetup(
      runtime,
      { token, email: "Root@Example.com", name: "Root", password: TEST_PASSWORD },
      client,
    );
    expect(user).toMatchObject({ role: "admin", email: "root@example.com" });
    await expect(
      completeSetup(
        runtime,
        { token, email: "second@example.com", name: "Second", password: TEST_PASSWORD },
        client,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      completeSetup(
        runtime,
        { token: other, email: "third@example.com", name: "Third", password: TEST_PASSWORD },
        client,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await issueSetupToken(runtime)).toBeNull();
    const stored = await runtime.db.selectFrom("setup_tokens").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });

  it("refuses a weak password with a message that says how to fix it", async () => {
    await expect(makeUserWithPassword("short")).rejects.toThrow(/at least 12 characters/);
  });

  it("throttles an account after repeated wrong passwords, even for the right password", async () => {
    const user = await makeUser(runtime, "security");
    for (let i = 0; i < THROTTLE.perAccountAtAddress; i++) {
      await expect(
        logIn(runtime, { email: user.email, password: "wrong password!!" }, client),
      ).rejects.toMatchObject({
        code: "unauthenticated",
      });
    }
    await expect(
      logIn(runtime, { email: user.email, password: TEST_PASSWORD }, client),
    ).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: expect.any(Number) },
    });
    clock = new Date(clock.getTime() + THROTTLE.windowMs + 1000);
    await expect(
      logIn(runtime, { email: user.email, password: TEST_PASSWORD }, client),
    ).resolves.toMatchObject({
      user: { id: user.id },
    });
  });

  it("throttles an address that tries many accounts", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      await logIn(
        runtime,
        { email: uniqueEmail("nobody"), password: "wrong password!!" },
        { ip, userAgent: null },
      ).catch(() => {});
    }
    const user = await makeUser(runtime, "legal");
    await expect(
      logIn(runtime, { email: user.email, password: TEST_PASSWORD }, { ip, userAgent: null }),
    ).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it("rotates an old session's token and refuses the old one", async () => {
    const user = await makeUser(runtime, "finance");
    const { session } = await signIn({ email: user.email, password: TEST_PASSWORD });
    const fresh = await authenticateSession(runtime, session.token);
    expect(fresh.renewed).toBeUndefined();
    clock = new Date(clock.getTime() + SESSION_ROTATE_MS + 1000);
    const rotated = await authenticateSession(runtime, session.token);
    expect(rotated.renewed?.token).toBeTruthy();
    expect(rotated.renewed?.token).not.toBe(session.token);
    await expect(authenticateSession(runtime, session.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(authenticateSession(runtime, rotated.renewed!.token)).resolves.toMatchObject({
      actor: { id: user.id },
    });
  });

  it("expires an idle session", async () => {
    const user = await makeUser(runtime, "auditor");
    const { session } = await signIn({ email: user.email, password: TEST_PASSWORD });
    clock = new Date(clock.getTime() + runtime.config.sessionIdleMs + 1000);
    await expect(authenticateSession(runtime, session.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("ends sessions and tokens of a disabled user", async () => {
    const user = await makeUser(runtime, "security");
    const { session } = await signIn({ email: user.email, password: TEST_PASSWORD });
    const { token } = await createApiToken(contextFor(runtime, user), { name: "ci" });
    await setUserDisabled(systemContext(runtime), user.id, true);
    await expect(authenticateSession(runtime, session.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(authenticateApiToken(runtime, token)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("stores API tokens only as hashes, and a revoked token stops working", async () => {
    const user = await makeUser(runtime, "security");
    const ctx = contextFor(runtime, user);
    const { token, info } = await createApiToken(ctx, { name: "pipeline" });
    expect(token.startsWith("wdn_")).toBe(true);
    const rows = await runtime.db.selectFrom("api_tokens").selectAll().where("id", "=", info.id).execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    await expect(authenticateApiToken(runtime, token)).resolves.toMatchObject({
      id: user.id,
      role: "security",
    });
    await revokeApiToken(ctx, info.id);
    await expect(authenticateApiToken(runtime, token)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("does not let a user revoke another user's token", async () => {
    const owner = await makeUser(runtime, "security");
    const other = await makeUser(runtime, "legal");
    const { info } = await createApiToken(contextFor(runtime, owner), { name: "mine" });
    await expect(revokeApiToken(contextFor(runtime, other), info.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  async function makeUserWithPassword(password: string) {
    const { createUser } = await import("../../src/services/users/create-user.ts");
    return createUser(systemContext(runtime), { email: uniqueEmail(), name: "W", role: "legal", password });
  }
});

describe("passwords", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => runtime.close());
  const client = { ip: "203.0.113.8", userAgent: "test" };
  const signIn = async (input: { email: string; password: string }) =>
    (await logIn(runtime, input, client)) as LoginResult;

  it("changes your own password only with the current one, and ends your other sessions", async () => {
    const { changeOwnPassword } = await import("../../src/services/users/change-password.ts");
    const { hashSecret } = await import("../../src/services/auth/secret-token.ts");
    const user = await makeUser(runtime, "legal");
    const a = await signIn({ email: user.email, password: TEST_PASSWORD });
    const b = await signIn({ email: user.email, password: TEST_PASSWORD });
    const ctx = contextFor(runtime, user);
    await expect(
      changeOwnPassword(ctx, { currentPassword: "not my password", newPassword: "another long password" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    await changeOwnPassword(
      ctx,
      { currentPassword: TEST_PASSWORD, newPassword: "another long password" },
      hashSecret(a.session.token),
    );
    await expect(authenticateSession(runtime, a.session.token)).resolves.toBeTruthy();
    await expect(authenticateSession(runtime, b.session.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(
      logIn(runtime, { email: user.email, password: "another long password" }, client),
    ).resolves.toBeTruthy();
  });

  it("lets an admin reset a password, ending that user's sessions; others may not", async () => {
    const { resetPassword } = await import("../../src/services/users/change-password.ts");
    const user = await makeUser(runtime, "finance");
    const session = await signIn({ email: user.email, password: TEST_PASSWORD });
    await expect(
      resetPassword(contextFor(runtime, await makeUser(runtime, "security")), user.id, {
        password: "reset by someone else",
      }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await resetPassword(contextFor(runtime, await makeUser(runtime, "admin")), user.id, {
      password: "a brand new password",
    });
    await expect(authenticateSession(runtime, session.session.token)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(
      logIn(runtime, { email: user.email, password: "a brand new password" }, client),
    ).resolves.toBeTruthy();
  });
});
