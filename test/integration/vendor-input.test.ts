import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

interface Problem {
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
  duplicateOf?: string;
}

/** A vendor's country, website and name as typed by a person: read faithfully or refused, never mangled. */
describe("vendor input", () => {
  let runtime: TestRuntime;
  let security: TestClient;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const app = createApp(runtime);
    const user = await makeUser(runtime, "security");
    security = new TestClient(app);
    expect((await security.login(user.email, TEST_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => runtime.close());

  async function create(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await security.request("POST", "/api/vendors", body);
    return { status: res.status, body: await res.json() };
  }

  it("stores a country given by name or code as its ISO 3166 alpha-2 code", async () => {
    const cases = [
      ["Ukraine", "UA"],
      ["Germany", "DE"],
      ["GE", "GE"],
      ["vnm", "VN"],
    ] as const;
    for (const [country, code] of cases) {
      const res = await create({ legalName: `Maker in ${country}`, country });
      expect({ country, status: res.status }).toEqual({ country, status: 201 });
      expect((res.body as { country: string }).country).toBe(code);
    }
  });

  it("refuses what is not a country, naming the field and what to give, and stores nothing", async () => {
    const res = await create({ legalName: "Atlantis Works", country: "Atlantis" });
    expect(res.status).toBe(400);
    const problem = res.body as Problem;
    expect(problem.errors?.[0]?.field).toBe("country");
    expect(problem.errors?.[0]?.message).toMatch(/English name .* ISO 3166 code/);
    const list = await (await security.request("GET", "/api/vendors?q=Atlantis")).json();
    expect(JSON.stringify(list)).not.toContain("Atlantis Works");
  });

  it("reads a website without a scheme as https and refuses what is not a web address", async () => {
    const ok = await create({ legalName: "Scheme-less Ltd", country: "IN", website: "scheme-less.example" });
    expect(ok.status).toBe(201);
    expect((ok.body as { website: string }).website).toBe("https://scheme-less.example/");
    for (const website of [
      "javascript:alert(1)",
      "not a site",
      "ftp://files.example",
      "https://user:pw@x.example",
    ]) {
      const res = await create({ legalName: `Bad site ${website}`, country: "IN", website });
      expect({ website, status: res.status }).toEqual({ website, status: 400 });
      expect((res.body as Problem).errors?.[0]?.field).toBe("website");
    }
  });

  it("refuses a second live vendor of the same name until the duplicate is confirmed", async () => {
    const first = await create({ legalName: "Kestrel Code LLP", country: "IN" });
    expect(first.status).toBe(201);
    const again = await create({ legalName: "  kestrel  code llp ", country: "IN" });
    expect(again.status).toBe(409);
    expect((again.body as Problem).duplicateOf).toBe((first.body as { id: string }).id);
    expect((again.body as Problem).detail).toContain("Kestrel Code LLP");
    const confirmed = await create({
      legalName: "Kestrel Code LLP",
      country: "GB",
      confirmDuplicateName: true,
    });
    expect(confirmed.status).toBe(201);
    const entries = await runtime.db
      .selectFrom("audit_log")
      .select("summary")
      .where("action", "=", "vendor.create")
      .where("target_id", "=", (confirmed.body as { id: string }).id)
      .execute();
    expect(JSON.stringify(entries[0]?.summary)).toContain("duplicateNameConfirmed");
  });
});
