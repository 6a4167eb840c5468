import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { loadDemo } from "../../src/services/demo/load-demo.ts";
import { listEngagements } from "../../src/services/engagements/list-engagements.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { listPeople } from "../../src/services/roster/list-people.ts";
import { exportRosterCsv, importRosterCsv } from "../../src/services/roster/roster-csv.ts";
import { rosterMetrics } from "../../src/services/roster/roster-metrics.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const HEADER =
  "full_name,email,employer,role,start_date,end_date,nda_signed_on,nda_expires_on,certifications";

describe("roster CSV", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => runtime.close());

  it("previews per-row errors and writes nothing when any row is invalid", async () => {
    const ctx = systemContext(runtime);
    const { vendorId } = await makeEngagement(runtime);
    const csv = [
      HEADER,
      "Asha Verma,asha@v.example,,Developer,2025-01-10,,2025-01-05,2027-01-05,CISSP:2027-06-01",
      "Bad Dates,bad@v.example,,Developer,2025-13-40,,,,",
      "Unknown Employer,ue@v.example,Nobody Ltd,QA,2025-02-01,,,,",
      "Asha Twice,asha@v.example,,Developer,2025-01-10,,,,",
    ].join("\n");
    const preview = await importRosterCsv(ctx, vendorId, csv, { commit: true });
    expect(preview.committed).toBe(false);
    expect(preview.valid).toBe(false);
    const errors = preview.rows.flatMap((r) => r.errors.map((e) => `${r.line}:${e.column}`));
    expect(errors).toEqual(expect.arrayContaining(["3:start_date", "4:employer", "5:email"]));
    expect((await listPeople(ctx, vendorId)).total).toBe(0);
  });

  it("imports a valid file in one go and exports the same rows", async () => {
    const ctx = systemContext(runtime);
    const { vendorId } = await makeEngagement(runtime);
    const csv = [
      HEADER,
      "Asha Verma,asha@v.example,,Developer,2025-01-10,,2025-01-05,2027-01-05,CISSP:2027-06-01",
      "Ravi Kumar,ravi@v.example,,Tester,2025-03-01,2026-02-01,2025-02-25,,",
    ].join("\n");
    const result = await importRosterCsv(ctx, vendorId, csv, { commit: true });
    expect(result).toMatchObject({ valid: true, committed: true });
    const exported = await exportRosterCsv(ctx, vendorId);
    const again = await importRosterCsv(ctx, (await makeEngagement(runtime)).vendorId, exported, {
      commit: true,
    });
    expect(again.committed).toBe(true);
    expect(exported).toContain("Asha Verma,asha@v.example");
    expect(exported).toContain("CISSP:2027-06-01");
  });

  it("computes coverage over people with access and the turnover alert", async () => {
    const ctx = systemContext(runtime);
    const { vendorId } = await makeEngagement(runtime);
    const metrics = await rosterMetrics(ctx, vendorId);
    expect(metrics).toMatchObject({
      headcount: 0,
      ndaCoverage: { total: 0, ratio: null },
      turnoverAlert: false,
    });
    expect(metrics.trend).toHaveLength(12);
  });
});

describe("API and CLI give the same answer", () => {
  it("reports the same control statuses through GET /api/engagements/{id} and `warden status --json`", async () => {
    const made = await createTestConfig();
    const runtime = await openRuntime(made.config, { log: pino({ level: "silent" }) });
    await loadDemo(systemContext(runtime));
    const admin = await makeUser(runtime, "admin");
    const { token } = await createApiToken(contextFor(runtime, admin), { name: "parity" });
    const app = createApp(runtime);
    const engagements = (await listEngagements(systemContext(runtime))).items;
    const api: Record<string, Record<string, string>> = {};
    for (const e of engagements) {
      const res = await app.request(`/api/engagements/${e.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { evaluation: { results: { id: string; status: string }[] } };
      api[e.id] = Object.fromEntries(body.evaluation.results.map((r) => [r.id, r.status]));
    }
    await runtime.close();
    const cli = await runCli(["status", "--json"], made.env);
    const parsed = JSON.parse(cli.stdout) as {
      engagementId: string;
      gate: { open: boolean };
      controls: { id: string; status: string }[];
    }[];
    expect(cli.code).toBe(parsed.some((e) => !e.gate.open) ? 1 : 0);
    const fromCli = Object.fromEntries(
      parsed.map((e) => [e.engagementId, Object.fromEntries(e.controls.map((c) => [c.id, c.status]))]),
    );
    expect(fromCli).toEqual(api);
    expect(Object.keys(api)).toHaveLength(2);
    await made.dispose();
  }, 180_000);
});
