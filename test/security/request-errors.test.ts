import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { recordIncident } from "../../src/services/records/incidents.ts";
import { makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("request errors and origins", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let admin: TestClient;
  let incidentId: string;
  const logLines: Record<string, unknown>[] = [];
  const capturingLog = () =>
    pino(
      { level: "error" },
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      }),
    );

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp({ ...runtime, log: capturingLog() });
    admin = new TestClient(app);
    const adminUser = await makeUser(runtime, "admin");
    expect((await admin.login(adminUser.email, TEST_PASSWORD)).status).toBe(200);
    const { engagementId } = await makeEngagement(runtime);
    incidentId = (
      await recordIncident(systemContext(runtime), engagementId, {
        title: "Laptop lost",
        severity: "high",
        occurredAt: "2026-03-01T09:00:00Z",
      })
    ).id;
  });
  afterAll(async () => runtime.close());

  it("answers an empty PATCH of an incident with 400, not a SQL error", async () => {
    const res = await admin.request("PATCH", `/api/incidents/${incidentId}`, {});
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; detail: string; requestId: string };
    expect(problem.code).toBe("invalid_input");
    expect(problem.detail).toMatch(/Nothing to change/);
    expect(problem.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("answers a PATCH naming only unknown fields with 400", async () => {
    const res = await admin.request("PATCH", `/api/incidents/${incidentId}`, { colour: "red" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/at least one of/);
  });

  it("answers an empty PATCH with 400 on every PATCH route of the API", async () => {
    const doc = (await (await admin.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const patches = Object.entries(doc.paths).filter(([, ops]) => "patch" in ops);
    expect(patches.length).toBeGreaterThan(5);
    for (const [path] of patches) {
      const res = await admin.request("PATCH", path.replace(/\{id\}/g, incidentId), {});
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
  });

  it("logs an unexpected error with the method, path and the request id the client got", async () => {
    const broken = createApp(
      {
        ...runtime,
        log: capturingLog(),
      },
      {
        routes: [
          (a) =>
            a.get("/api/explode", () => {
              throw new Error("boom");
            }),
        ],
      },
    );
    const client = new TestClient(broken);
    client.cookie = admin.cookie;
    const res = await client.request("GET", "/api/explode");
    expect(res.status).toBe(500);
    const problem = (await res.json()) as { requestId: string; detail: string };
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-request-id")).toBe(problem.requestId);
    expect(problem.detail).toContain(problem.requestId);
    expect(problem.detail).not.toContain("boom");
    const line = logLines.find((l) => l.requestId === problem.requestId);
    expect(line).toMatchObject({ method: "GET", path: "/api/explode", msg: "unexpected error" });
  });

  it("refuses a write whose Origin matches only the attacker's Host header (DNS rebinding)", async () => {
    const res = await app.request("http://evil.example/api/tokens", {
      method: "POST",
      headers: {
        host: "evil.example",
        origin: "http://evil.example",
        "content-type": "application/json",
        cookie: admin.cookie,
        "x-csrf-token": admin.csrfToken,
      },
      body: JSON.stringify({ name: "rebound" }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Cross-site request/);
  });

  it("accepts a write from the configured public address", async () => {
    const res = await admin.request(
      "POST",
      "/api/tokens",
      { name: "same-origin" },
      { origin: new URL(runtime.config.publicUrl).origin },
    );
    expect(res.status).toBe(201);
  });
});
