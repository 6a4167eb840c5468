import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { makeEngagement, makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("what a vendor contact sees of its own vendor", () => {
  let runtime: TestRuntime;
  let vendor: TestClient;
  let security: TestClient;
  let own: { vendorId: string; engagementId: string };
  beforeAll(async () => {
    runtime = await createTestRuntime();
    const app = createApp(runtime);
    own = await makeEngagement(runtime);
    vendor = new TestClient(app);
    security = new TestClient(app);
    const contact = await makeUser(runtime, "vendor", { vendorId: own.vendorId });
    expect((await vendor.login(contact.email, TEST_PASSWORD)).status).toBe(200);
    expect((await security.login((await makeUser(runtime, "security")).email, TEST_PASSWORD)).status).toBe(
      200,
    );
  });
  afterAll(async () => runtime.close());

  it("gives no risk score, gate or jurisdiction advice on its vendor, while the security team has them", async () => {
    const seen = (await (await vendor.request("GET", `/api/vendors/${own.vendorId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(seen.risk).toBeNull();
    expect(seen.jurisdiction).toBeNull();
    expect(seen.engagements).toEqual([
      expect.objectContaining({ id: own.engagementId, risk: null, gateOpen: null }),
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/"score"|"points"|"results"/);
    const internal = (await (await security.request("GET", `/api/vendors/${own.vendorId}`)).json()) as {
      risk: { score: number };
      engagements: { risk: { score: number } }[];
    };
    expect(internal.risk.score).toEqual(expect.any(Number));
    expect(internal.engagements[0]?.risk.score).toEqual(expect.any(Number));
  });

  it("refuses the evaluated engagement (control results, gate, risk) to the vendor", async () => {
    const res = await vendor.request("GET", `/api/engagements/${own.engagementId}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/"results"|"score"/);
    expect((await security.request("GET", `/api/engagements/${own.engagementId}`)).status).toBe(200);
  });

  it("still lists its engagements and its questionnaires in the portal", async () => {
    expect((await vendor.request("GET", `/api/engagements?vendorId=${own.vendorId}`)).status).toBe(200);
    expect((await vendor.request("GET", "/api/portal/questionnaires")).status).toBe(200);
  });
});
