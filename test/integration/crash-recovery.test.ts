import { afterAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig } from "../support/test-runtime.ts";
import { startWardenProcess, type WardenProcess } from "../support/warden-process.ts";

/** A minimal cookie-keeping HTTP client against a real server. */
async function signIn(base: string, setupUrl: string | null): Promise<{ cookie: string; csrf: string }> {
  const token = setupUrl ? new URL(setupUrl).searchParams.get("token") : null;
  const res = token
    ? await fetch(`${base}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, email: "admin@example.com", name: "Admin", password: TEST_PASSWORD }),
      })
    : await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@example.com", password: TEST_PASSWORD }),
      });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = /warden_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe("crash recovery", () => {
  let server: WardenProcess | undefined;
  const made = createTestConfig();
  afterAll(async () => {
    await server?.kill();
    await (await made).dispose();
  });

  it("keeps every acknowledged write and an intact audit chain after kill -9 mid-burst", async () => {
    const { env } = await made;
    server = await startWardenProcess(env, { expectSetupLink: true });
    const session = await signIn(server.url, server.setupUrl);
    const acknowledged: string[] = [];
    let inFlight = 0;
    let stop = false;
    const base = server.url;
    const writer = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const name = `burst-${worker}-${i}`;
        inFlight++;
        try {
          const res = await fetch(`${base}/api/tokens`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              cookie: session.cookie,
              "x-csrf-token": session.csrf,
            },
            body: JSON.stringify({ name }),
          });
          if (res.status === 201) acknowledged.push(name);
        } catch {
          // The server died under this request: it was never acknowledged.
        } finally {
          inFlight--;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    expect(inFlight).toBeGreaterThan(0);
    await server.kill();
    stop = true;
    await Promise.all(writers);

    server = await startWardenProcess(env);
    expect(server.setupUrl).toBeNull();
    const again = await signIn(server.url, null);
    const res = await fetch(`${server.url}/api/tokens`, { headers: { cookie: again.cookie } });
    const names = new Set(((await res.json()) as { items: { name: string }[] }).items.map((t) => t.name));
    const missing = acknowledged.filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    await server.stop();
    server = undefined;

    const verify = await runCli(["audit", "verify"], env);
    expect(verify.stdout).toContain("Audit log intact");
    expect(verify.code).toBe(0);
  });
});
