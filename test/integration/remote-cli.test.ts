import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig } from "../support/test-runtime.ts";
import { startWardenProcess, type WardenProcess } from "../support/warden-process.ts";

describe("the CLI through a running server (WARDEN_URL, WARDEN_TOKEN)", () => {
  let server: WardenProcess | undefined;
  const made = createTestConfig();
  afterAll(async () => {
    await server?.stop();
    await (await made).dispose();
  });

  it("lists users and exports a roster while the server owns the data folder", async () => {
    const { env, config } = await made;
    server = await startWardenProcess(env, { expectSetupLink: true });
    const setup = await fetch(`${server.url}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: new URL(server.setupUrl ?? "").searchParams.get("token"),
        email: "admin@example.com",
        name: "Admin",
        password: TEST_PASSWORD,
      }),
    });
    expect(setup.ok).toBe(true);
    const session = {
      cookie: /warden_session=[^;]+/.exec(setup.headers.get("set-cookie") ?? "")?.[0] ?? "",
      csrf: ((await setup.json()) as { csrfToken: string }).csrfToken,
    };
    const headers = {
      "content-type": "application/json",
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
    };
    const created = await fetch(`${server.url}/api/tokens`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "script" }),
    });
    const { token } = (await created.json()) as { token: string };
    const vendor = await fetch(`${server.url}/api/vendors`, {
      method: "POST",
      headers,
      body: JSON.stringify({ legalName: "Bluewave Software", country: "IN" }),
    });
    expect(vendor.status).toBe(201);
    const { id: vendorId } = (await vendor.json()) as { id: string };

    // Without the server, the CLI cannot open the embedded database the server holds.
    if (!env.DATABASE_URL) expect((await runCli(["user", "list"], env)).code).not.toBe(0);

    const remote = { ...env, WARDEN_URL: server.url, WARDEN_TOKEN: token };
    const users = await runCli(["user", "list", "--json"], remote);
    expect(users.stderr).toBe("");
    expect(users.code).toBe(0);
    expect((JSON.parse(users.stdout) as { items: { email: string }[] }).items.map((u) => u.email)).toEqual([
      "admin@example.com",
    ]);

    const roster = await runCli(["roster", "export", vendorId], remote);
    expect(roster.code).toBe(0);
    expect(roster.stdout.split("\n")[0]).toContain("full_name");

    // The audit pack comes from the server too: the file it wrote is the one the log records.
    const engagement = await fetch(`${server.url}/api/engagements`, {
      method: "POST",
      headers,
      body: JSON.stringify({ vendorId, name: "Remote pack", offshore: true }),
    });
    expect(engagement.status).toBe(201);
    const { id: engagementId } = (await engagement.json()) as { id: string };
    const out = join(config.dataDir, "remote-pack.pdf");
    const pack = await runCli(["report", "engagement", engagementId, "--out", out], remote);
    expect(pack.stderr).toBe("");
    expect(pack.code).toBe(0);
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(pack.stdout).toContain(sha256);
    const log = await fetch(`${server.url}/api/audit?action=report.engagement-audit-pack`, { headers });
    const [entry] = ((await log.json()) as { items: { actor: string; summary: { sha256: string } }[] }).items;
    expect(entry).toMatchObject({ summary: { sha256 } });

    // The server authorises the token: a wrong one is refused with the unauthenticated exit code.
    const refused = await runCli(["user", "list"], { ...remote, WARDEN_TOKEN: "wdn_not-a-token" });
    expect(refused.code).toBe(3);
  }, 240_000);
});
