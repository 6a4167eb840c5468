import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WardenError } from "../../src/domain/errors.ts";
import { createApp } from "../../src/server/app.ts";
import { logIn } from "../../src/services/auth/log-in.ts";
import { THROTTLE } from "../../src/services/auth/login-throttle.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const WRONG = "not the password at all";

/** Outcome codes of sign-ins run all at once. */
async function concurrently(attempts: (() => Promise<unknown>)[]): Promise<Record<string, number>> {
  const outcomes = await Promise.all(
    attempts.map((attempt) =>
      attempt().then(
        () => "ok",
        (e: unknown) => (e instanceof WardenError ? e.code : String(e)),
      ),
    ),
  );
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

describe("sign-in throttling", () => {
  let runtime: TestRuntime;
  let proxied: TestRuntime;
  const clock = { now: new Date("2026-05-04T08:00:00Z") };
  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => clock.now });
    proxied = await createTestRuntime({
      now: () => clock.now,
      env: { WARDEN_TRUSTED_PROXIES: "10.0.0.0/24, fd00::1" },
    });
  });
  afterAll(async () => Promise.all([runtime.close(), proxied.close()]));

  it("evaluates no more than the allowed wrong passwords out of 60 concurrent tries", async () => {
    const user = await makeUser(runtime, "security");
    const counts = await concurrently(
      Array.from(
        { length: 60 },
        () => () =>
          logIn(runtime, { email: user.email, password: WRONG }, { ip: "203.0.113.50", userAgent: null }),
      ),
    );
    expect(counts).toEqual({ unauthenticated: THROTTLE.perAccountAtAddress, rate_limited: 55 });
  });

  it("counts rotating loopback addresses as one", async () => {
    const user = await makeUser(runtime, "legal");
    const counts = await concurrently(
      Array.from(
        { length: 60 },
        (_, i) => () =>
          logIn(
            runtime,
            { email: user.email, password: WRONG },
            { ip: i % 2 ? `127.0.0.${i + 2}` : `::ffff:127.0.${i}.1`, userAgent: null },
          ),
      ),
    );
    expect(counts.unauthenticated).toBe(THROTTLE.perAccountAtAddress);
  });

  it("counts an IPv6 client's whole /64 as one address", async () => {
    const user = await makeUser(runtime, "finance");
    const counts = await concurrently(
      Array.from(
        { length: 20 },
        (_, i) => () =>
          logIn(
            runtime,
            { email: user.email, password: WRONG },
            { ip: `2001:db8:0:7::${i + 1}`, userAgent: null },
          ),
      ),
    );
    expect(counts.unauthenticated).toBe(THROTTLE.perAccountAtAddress);
  });

  it("cannot lock a user out: their own address signs in while an attacker is held back", async () => {
    const victim = await makeUser(runtime, "admin");
    const attacker = { ip: "198.51.100.66", userAgent: null };
    for (let i = 0; i < 12; i++)
      await logIn(runtime, { email: victim.email, password: WRONG }, attacker).catch(() => {});
    await expect(
      logIn(runtime, { email: victim.email, password: TEST_PASSWORD }, attacker),
    ).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(
      logIn(runtime, { email: victim.email, password: TEST_PASSWORD }, { ip: "192.0.2.10", userAgent: null }),
    ).resolves.toMatchObject({ user: { id: victim.id } });
  });

  it("makes each further failure wait longer, and a correct password clears the wait", async () => {
    const user = await makeUser(runtime, "auditor");
    const from = { ip: "203.0.113.77", userAgent: null };
    for (let i = 0; i < THROTTLE.perAccountAtAddress; i++)
      await logIn(runtime, { email: user.email, password: WRONG }, from).catch(() => {});
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await logIn(runtime, { email: user.email, password: WRONG }, from).catch(
        (e: WardenError) => e,
      );
      expect(refused).toMatchObject({ code: "rate_limited" });
      const wait = (refused as WardenError).details?.retryAfterSeconds as number;
      waits.push(wait);
      clock.now = new Date(clock.now.getTime() + wait * 1000);
      await expect(logIn(runtime, { email: user.email, password: WRONG }, from)).rejects.toMatchObject({
        code: "unauthenticated",
      });
    }
    expect(waits).toEqual([15, 30, 60]);
    clock.now = new Date(clock.now.getTime() + 120_000);
    await logIn(runtime, { email: user.email, password: TEST_PASSWORD }, from);
    await expect(logIn(runtime, { email: user.email, password: WRONG }, from)).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  describe("behind a reverse proxy", () => {
    const signIn = (app: ReturnType<typeof createApp>, email: string, peer: string, forwardedFor?: string) =>
      app.request(
        "/api/auth/login",
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
          },
          body: JSON.stringify({ email, password: WRONG }),
        },
        { incoming: { socket: { remoteAddress: peer, remoteFamily: peer.includes(":") ? "IPv6" : "IPv4" } } },
      );

    it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
      const app = createApp(runtime);
      const user = await makeUser(runtime, "security");
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await signIn(app, user.email, "203.0.113.90", `192.0.2.${i}`)).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.perAccountAtAddress);
      expect(statuses.at(-1)).toBe(429);
    });

    it("counts each client a trusted proxy names on its own, and believes only the proxy's own entry", async () => {
      const app = createApp(proxied);
      const user = await makeUser(proxied, "security");
      // One client behind the proxy, forging extra hops on the left: still one client.
      const forged: number[] = [];
      for (let i = 0; i < 8; i++)
        forged.push((await signIn(app, user.email, "10.0.0.5", `192.0.2.${i}, 203.0.113.9`)).status);
      expect(forged.filter((s) => s === 401)).toHaveLength(THROTTLE.perAccountAtAddress);
      expect(forged.at(-1)).toBe(429);
      // Another client through the same proxy (and a second proxy hop) is not held back by the first.
      expect((await signIn(app, user.email, "10.0.0.5", "198.51.100.20, fd00::1")).status).toBe(401);
    });
  });
});
