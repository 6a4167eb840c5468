import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission, ROLES, type Role } from "../../src/domain/roles.ts";
import { createApp } from "../../src/server/app.ts";
import { PUBLIC_PATHS } from "../../src/server/routes/auth.ts";
import { makeEngagement, makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

interface Operation {
  method: string;
  path: string;
  permission: Permission | undefined;
}

/**
 * Every documented route × every role × the own and the other vendor's objects. What each role may
 * do is derived from the route's declared permission (`x-permission`) and the role's grants, never
 * listed by hand; on every route, whatever is declared: no role ever meets a server error, and a
 * vendor contact never gets a success on the other vendor's objects.
 */
describe("authorisation matrix", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  const clients = new Map<Role, TestClient>();
  let operations: Operation[] = [];
  let own: { vendorId: string; engagementId: string };
  let other: { vendorId: string; engagementId: string };

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp(runtime);
    own = await makeEngagement(runtime, { name: "Vendor A" });
    other = await makeEngagement(runtime, { name: "Vendor B" });
    for (const role of ROLES) {
      const user = await makeUser(runtime, role, role === "vendor" ? { vendorId: own.vendorId } : {});
      const client = new TestClient(app);
      expect((await client.login(user.email, TEST_PASSWORD)).status).toBe(200);
      clients.set(role, client);
    }
    const doc = (await (await clients.get("admin")!.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-permission"?: Permission }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        permission: op["x-permission"],
      })),
    );
  });
  afterAll(async () => runtime.close());

  /** The path with its ids filled in from one vendor's objects. */
  function concrete(path: string, ids: { vendorId: string; engagementId: string }): string {
    return path
      .replace(/\/vendors\/\{id\}/, `/vendors/${ids.vendorId}`)
      .replace(/\{vendorId\}/g, ids.vendorId)
      .replace(/\/engagements\/\{id\}/, `/engagements/${ids.engagementId}`)
      .replace(/\{engagementId\}/g, ids.engagementId)
      .replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
  }

  const call = (role: Role, method: string, path: string) =>
    clients.get(role)!.request(method, path, method === "GET" || method === "DELETE" ? undefined : {});

  it("documents the routes it checks", () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => o.permission).length).toBeGreaterThan(0);
  });

  it("never lets a vendor contact succeed on the other vendor's objects, nor meet a server error", async () => {
    const failures: string[] = [];
    for (const op of operations) {
      if (PUBLIC_PATHS.has(op.path) || op.path === "/api/auth/logout") continue;
      if (!/\{/.test(op.path)) continue;
      const path = concrete(op.path, other);
      const res = await call("vendor", op.method, path);
      if (res.status >= 500 || (res.status < 300 && op.method !== "GET"))
        failures.push(`${op.method} ${path} → ${res.status}`);
      if (res.status < 300 && op.method === "GET") {
        const text = await res.text();
        if (text.includes(other.vendorId) || text.includes(other.engagementId))
          failures.push(`${op.method} ${path} → ${res.status} names the other vendor`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("gives each role what the route's declared permission grants it, and no server error", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const op of operations) {
        if (PUBLIC_PATHS.has(op.path) || op.path === "/api/auth/logout" || op.method === "DELETE") continue;
        for (const ids of [own, other]) {
          const path = concrete(op.path, ids);
          const res = await call(role, op.method, path);
          if (res.status >= 500) failures.push(`${role} ${op.method} ${path} → ${res.status}`);
          if (!op.permission) continue;
          const allowed = can({ kind: "user", id: null, label: role, role, vendorId: null }, op.permission);
          if (!allowed && res.status < 400)
            failures.push(`${role} ${op.method} ${path} → ${res.status} without ${op.permission}`);
          if (allowed && (res.status === 401 || res.status === 403))
            failures.push(`${role} ${op.method} ${path} → ${res.status} with ${op.permission}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × role × two vendors, the PDF reports and exports among them: wide under load.
  }, 240_000);
});
