import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/domain/roles.ts";
import { createApp } from "../../src/server/app.ts";
import { holdsAccess, type RouteAccess } from "../../src/server/routes/define-route.ts";
import { makeEngagement, makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

interface Operation {
  method: string;
  path: string;
  access: RouteAccess;
}

interface VendorIds {
  vendorId: string;
  engagementId: string;
}

/**
 * The order the matrix runs operations in: what ends sessions or the vendor itself comes last, so
 * that each call before it meets the fixtures intact.
 */
function rank(op: Operation): number {
  if (op.method === "DELETE" && op.path === "/api/vendors/{id}") return 3;
  if (op.path === "/api/auth/logout") return 2;
  return op.method === "DELETE" ? 1 : 0;
}

/**
 * Every documented operation × every role × the own and the other vendor's objects, with what each
 * role may do derived from the operation's declared access (`x-permission`) and the role's grants:
 * a role without it is refused (401/403), a role with it is never refused on objects it may reach
 * (a 400/404/409 for the dummy input is fine), a vendor contact never succeeds on the other
 * vendor's objects, public routes answer without a session, and nobody ever meets a server error.
 */
describe("authorisation matrix", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  const clients = new Map<Role, TestClient>();
  const emails = new Map<Role, string>();
  let operations: Operation[] = [];
  let own: VendorIds;
  let other: VendorIds;
  let calls = 0;

  async function signIn(role: Role): Promise<void> {
    const client = new TestClient(app);
    expect((await client.login(emails.get(role)!, TEST_PASSWORD)).status).toBe(200);
    clients.set(role, client);
  }

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp(runtime);
    own = await makeEngagement(runtime, { name: "Vendor A" });
    other = await makeEngagement(runtime, { name: "Vendor B" });
    for (const role of ROLES) {
      const user = await makeUser(runtime, role, role === "vendor" ? { vendorId: own.vendorId } : {});
      emails.set(role, user.email);
      await signIn(role);
    }
    const doc = (await (await clients.get("admin")!.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-permission"?: RouteAccess }>>;
    };
    operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          access: op["x-permission"] as RouteAccess,
        })),
      )
      .sort((a, b) => rank(a) - rank(b));
  });
  afterAll(async () => {
    console.info(
      `authorisation matrix: ${operations.length} operations × ${ROLES.length} roles × own/other vendor, ${calls} calls (anonymous ones included)`,
    );
    await runtime.close();
  });

  /** The path with its ids filled in from one vendor's objects (other ids: a dummy that exists nowhere). */
  function concrete(path: string, ids: VendorIds): string {
    return path
      .replace(/\/vendors\/\{id\}/, `/vendors/${ids.vendorId}`)
      .replace(/\{vendorId\}/g, ids.vendorId)
      .replace(/\/engagements\/\{id\}/, `/engagements/${ids.engagementId}`)
      .replace(/\{engagementId\}/g, ids.engagementId)
      .replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
  }

  const request = (client: TestClient, method: string, path: string) => {
    calls++;
    return client.request(method, path, method === "GET" || method === "DELETE" ? undefined : {});
  };

  it("documents who may call every route it checks", () => {
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((o) => o.access === undefined)).toEqual([]);
  });

  it("answers public routes without a session and refuses every other route without one", async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const res = await request(new TestClient(app), op.method, concrete(op.path, own));
      const refused = res.status === 401 || res.status === 403;
      if (res.status >= 500 || (op.access === "public") === refused)
        failures.push(`anonymous ${op.method} ${op.path} → ${res.status} (${JSON.stringify(op.access)})`);
    }
    expect(failures).toEqual([]);
  });

  it("gives each role exactly what the route's declared access grants it, and no server error", async () => {
    const failures: string[] = [];
    // Vendor first: the last operation deletes a vendor, which ends its contacts' sessions.
    const roles: Role[] = ["vendor", ...ROLES.filter((r) => r !== "vendor")];
    for (const op of operations) {
      if (op.access === "public") continue;
      for (const role of roles) {
        const paths = new Set([concrete(op.path, own), concrete(op.path, other)]);
        for (const path of paths) {
          const othersObjects = path === concrete(op.path, other) && path !== concrete(op.path, own);
          const res = await request(clients.get(role)!, op.method, path);
          const refused = res.status === 401 || res.status === 403;
          // The role's grants (src/domain/roles.ts), never a hand-made list.
          const allowed = holdsAccess(
            { kind: "user", id: null, label: role, role, vendorId: null },
            op.access,
          );
          const line = `${role} ${op.method} ${op.path}${othersObjects ? " (other vendor)" : ""} → ${res.status}`;
          if (res.status >= 500) failures.push(`${line}: server error`);
          else if (!allowed && !refused) failures.push(`${line} without ${JSON.stringify(op.access)}`);
          else if (role === "vendor" && othersObjects && res.status < 300)
            failures.push(`${line}: a vendor contact reached the other vendor's objects`);
          else if (allowed && refused && !(role === "vendor" && othersObjects))
            failures.push(`${line} with ${JSON.stringify(op.access)}`);
        }
      }
      // Signing out ended every session: sign in again for what follows.
      if (op.path === "/api/auth/logout") for (const role of ROLES) await signIn(role);
    }
    expect(failures).toEqual([]);
    // Every route × role × two vendors, the PDF reports and exports among them: wide under load.
  }, 240_000);
});
