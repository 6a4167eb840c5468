import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import type { Runtime } from "../../services/context.ts";
import { createApp } from "../app.ts";
import { PUBLIC_PATHS } from "./auth.ts";
import { holdsAccess, type RouteAccess } from "./define-route.ts";

/** Every operation of the OpenAPI document, with its declared access. */
function documentedOperations() {
  // The document is built from the routes alone: no database is opened.
  const runtime = { config: loadConfig({ WARDEN_DATA_DIR: "/nonexistent" }) } as Runtime;
  const doc = createApp(runtime).getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Warden API", version: "test" },
  });
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => ({
      operation: `${method.toUpperCase()} ${path}`,
      path,
      access: op["x-permission"] as RouteAccess | undefined,
    })),
  );
}

describe("declared route access", () => {
  const operations = documentedOperations();

  it("is declared by every documented operation", () => {
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((o) => o.access === undefined).map((o) => o.operation)).toEqual([]);
  });

  it("says public exactly where no session is asked for", () => {
    const mismatched = operations.filter((o) => (o.access === "public") !== PUBLIC_PATHS.has(o.path));
    expect(mismatched.map((o) => `${o.operation}: ${JSON.stringify(o.access)}`)).toEqual([]);
  });

  it("lets a role through when it holds any of the declared permissions", () => {
    const vendor = { kind: "user" as const, id: null, label: "v", role: "vendor" as const, vendorId: "x" };
    const auditor = { ...vendor, role: "auditor" as const, vendorId: null };
    expect(holdsAccess(vendor, ["evidence.write", "vendor.portal"])).toBe(true);
    expect(holdsAccess(auditor, ["evidence.write", "vendor.portal"])).toBe(false);
    expect(holdsAccess(auditor, "audit.read")).toBe(true);
    expect(holdsAccess(vendor, "signed-in")).toBe(true);
    expect(holdsAccess(vendor, "internal.read")).toBe(false);
  });
});
