import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { PUBLIC_PATHS } from "../../src/server/routes/auth.ts";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { contextFor, makeUser, makeVendorRow, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("API security", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let admin: TestClient;
  let adminToken: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp(runtime);
    const adminUser = await makeUser(runtime, "admin");
    admin = new TestClient(app);
    expect((await admin.login(adminUser.email, TEST_PASSWORD)).status).toBe(200);
    adminToken = (await createApiToken(contextFor(runtime, adminUser), { name: "tests" })).token;
  });
  afterAll(async () => runtime.close());

  async function documentedRoutes(): Promise<{ method: string; path: string }[]> {
    const res = await app.request("/api/openapi.json", {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000"),
      })),
    );
  }

  it("answers 401 problem+json on every route without a session or token", async () => {
    const routes = [...(await documentedRoutes()), { method: "GET", path: "/api/openapi.json" }];
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      if (PUBLIC_PATHS.has(route.path)) continue;
      const res = await app.request(route.path, {
        method: route.method,
        headers: { "content-type": "application/json" },
        ...(route.method === "GET" ? {} : { body: "{}" }),
      });
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { code: string }).code).toBe("unauthenticated");
    }
  });

  it("refuses a vendor user on internal resources with 403", async () => {
    const vendorId = await makeVendorRow(runtime);
    const vendorUser = await makeUser(runtime, "vendor", { vendorId });
    const vendor = new TestClient(app);
    expect((await vendor.login(vendorUser.email, TEST_PASSWORD)).status).toBe(200);
    for (const path of ["/api/users", "/api/audit", "/api/audit/verify"]) {
      const res = await vendor.request("GET", path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const create = await vendor.request("POST", "/api/users", {
      email: "x@example.com",
      name: "X",
      role: "admin",
      password: TEST_PASSWORD,
    });
    expect(create.status).toBe(403);
  });

  it("rejects a cookie-authenticated write without the CSRF token", async () => {
    const body = { email: "csrf@example.com", name: "C", role: "legal", password: TEST_PASSWORD };
    const withoutToken = await app.request("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie },
      body: JSON.stringify(body),
    });
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { reason: string }).reason).toBe("csrf");
    const wrongToken = await admin.request("POST", "/api/users", body, { "x-csrf-token": "forged" });
    expect(wrongToken.status).toBe(403);
    const ok = await admin.request("POST", "/api/users", body);
    expect(ok.status).toBe(201);
  });

  it("refuses a write from a foreign origin even with the CSRF token", async () => {
    const res = await admin.request("POST", "/api/tokens", { name: "x" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("accepts API-token writes without a CSRF token (no ambient credential)", async () => {
    const res = await app.request("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ name: "from-ci" }),
    });
    expect(res.status).toBe(201);
  });

  it("answers an oversized body with 413 problem+json", async () => {
    const huge = JSON.stringify({ name: "x".repeat(runtime.config.maxBodyBytes + 10) });
    const res = await admin.request("POST", "/api/tokens", huge);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("too_large");
  });

  it("names each invalid field and never leaks a stack trace", async () => {
    const res = await admin.request("POST", "/api/users", {
      email: "not-an-email",
      name: "",
      role: "emperor",
      password: "x",
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: { field: string }[]; detail: string };
    expect(problem.code).toBe("invalid_input");
    expect(problem.errors.map((e) => e.field).sort()).toEqual(
      expect.arrayContaining(["email", "name", "role"]),
    );
    const malformed = await admin.request("POST", "/api/users", "{not json");
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(malformed.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists users with pagination and search", async () => {
    const res = await admin.request("GET", "/api/users?limit=1&offset=0");
    const page = (await res.json()) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    const search = (await (await admin.request("GET", "/api/users?q=csrf%40")).json()) as {
      items: { email: string }[];
    };
    expect(search.items.map((u) => u.email)).toEqual(["csrf@example.com"]);
  });
});
