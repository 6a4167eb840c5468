import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultXlsxImportLimits } from "../../src/engines/questionnaire/import-questionnaire-xlsx.ts";
import { createApp } from "../../src/server/app.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { manyCellsXlsx } from "../support/hostile-xlsx.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

// A hostile questionnaire import: a workbook within every archive limit whose cells and shared
// strings cost the spreadsheet library far more than any questionnaire. It is read in a worker
// thread with a hard time and heap limit: the import fails clearly, and the API keeps answering.

describe("hostile spreadsheets", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  const admin = { client: null as unknown as TestClient };

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp(runtime);
    const user = await makeUser(runtime, "admin");
    admin.client = new TestClient(app);
    expect((await admin.client.login(user.email, TEST_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => runtime.close());

  it("refuses a workbook of 900,000 cells and 500,000 shared strings as unreadable, while /api/health keeps answering", async () => {
    const workbook = await manyCellsXlsx(35_000, 500_000);
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(workbook)]), "questionnaire.xlsx");
    const health = { answers: 0, failures: 0, slowestMs: 0 };
    let importing = true;
    const probing = (async () => {
      while (importing) {
        const started = performance.now();
        const res = await app.request("/api/health");
        health.slowestMs = Math.max(health.slowestMs, performance.now() - started);
        if (res.status === 200) health.answers++;
        else health.failures++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const started = performance.now();
    const res = await app.request("/api/questionnaire-templates/upload", {
      method: "POST",
      headers: { cookie: admin.client.cookie, "x-csrf-token": admin.client.csrfToken },
      body: form,
    });
    const elapsedMs = performance.now() - started;
    importing = false;
    await probing;

    expect(res.status).toBe(400);
    const problem = (await res.json()) as { detail: string; limit?: string };
    expect(problem.detail).toMatch(/workbook (took longer than|needed more than) .* and was stopped/);
    // Stopped at its limit (plus the thread's start), not when the library finished by itself.
    expect(elapsedMs).toBeLessThan(defaultXlsxImportLimits.timeMs + 60_000);
    // Wide margins: the machine may be busy, but a loop held by the parser would answer nothing.
    expect(health.failures).toBe(0);
    expect(health.answers).toBeGreaterThan(5);
    expect(health.slowestMs).toBeLessThan(5_000);
    // Nothing was stored.
    const templates = (await (await admin.client.request("GET", "/api/questionnaire-templates")).json()) as {
      builtIn: boolean;
    }[];
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.filter((t) => !t.builtIn)).toEqual([]);
  }, 180_000);
});
