import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextFor, makeEngagement, makeUser } from "../../../test/support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/test-runtime.ts";
import { refreshEvaluations } from "../playbook/refresh-evaluations.ts";
import { getDashboard, refreshDashboard } from "./get-dashboard.ts";

describe("getDashboard", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it("serves the stored dashboard until a refresh replaces it, even within the same instant", async () => {
    const now = runtime.now();
    const ctx = contextFor(runtime, await makeUser(runtime, "security"));
    await makeEngagement(runtime);
    await refreshEvaluations(runtime.db, now);
    const first = await getDashboard(ctx);
    expect(first.totals.engagements).toBe(1);
    // A second read shares the parsed copy, which no caller may change.
    expect(await getDashboard(ctx)).toBe(first);
    expect(Object.isFrozen(first.totals)).toBe(true);

    await makeEngagement(runtime);
    await refreshDashboard(runtime.db, now);
    const second = await getDashboard(ctx);
    expect(second.totals.engagements).toBe(2);
    expect(second.engagementsByStage.due_diligence).toBe(2);
  });
});
