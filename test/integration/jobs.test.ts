import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../../src/jobs/job-definition.ts";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { purgeExpiredSessions } from "../../src/jobs/purge-expired-sessions.ts";
import { refreshEvaluationsJob } from "../../src/jobs/refresh-evaluations-job.ts";
import { vacuumEmbeddedDatabase } from "../../src/jobs/vacuum-embedded-database-job.ts";
import { makeEngagement, makeVendorRow } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime, testEngine } from "../support/test-runtime.ts";

describe("the job queue", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => runtime.close());

  it("never gives one job to two workers", async () => {
    const runs: string[] = [];
    const job = defineJob({
      queue: "test.count",
      payload: z.object({ n: z.number() }),
      async run(_rt, payload) {
        runs.push(`${payload.n}`);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const sender = await JobQueue.start(runtime, { work: false, jobs: [job] });
    const total = 60;
    for (let n = 0; n < total; n++) await sender.send("test.count", { n });
    const workers = await Promise.all(
      [0, 1].map(() => JobQueue.start(runtime, { work: true, jobs: [job], pollingIntervalSeconds: 0.5 })),
    );
    const deadline = Date.now() + 60_000;
    while (runs.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await Promise.all(workers.map((w) => w.stop()));
    await sender.stop();
    expect(runs.length).toBe(total);
    expect(new Set(runs).size).toBe(total);
  });

  it("warms each job up before its first run, and a warm-up that fails stops nothing", async () => {
    const warmed: string[] = [];
    const job = (queue: string, warmUp: () => Promise<unknown>) =>
      defineJob({ queue, payload: z.object({}), run: async () => {}, warmUp });
    const queue = await JobQueue.start(runtime, {
      work: false,
      jobs: [
        job("test.warm.ok", async () => warmed.push("ok")),
        job("test.warm.broken", async () => {
          throw new Error("reader missing");
        }),
        job("test.warm.late", async () => {
          await new Promise((r) => setTimeout(r, 20));
          warmed.push("late");
        }),
      ],
    });
    await expect(queue.warmUp()).resolves.toBeUndefined();
    await queue.stop();
    expect(warmed.sort()).toEqual(["late", "ok"]);
  });

  it("loads pdf.js once for contract analysis when a worker warms up", async () => {
    const { analyzeContractJob } = await import("../../src/jobs/analyze-contract-job.ts");
    const { loadPdfJs } = await import("../../src/engines/load-pdfjs.ts");
    const warmed = await analyzeContractJob.warmUp!();
    // The module analysis reads PDFs with: it is not loaded a second time.
    expect(warmed).toBe(await loadPdfJs());
    expect(loadPdfJs()).toBe(loadPdfJs());
    expect(typeof (await loadPdfJs()).getDocument).toBe("function");
  });

  it("vacuums every table, so that the visibility map lets index-only scans skip the rows", async () => {
    for (let i = 0; i < 20; i++) await makeVendorRow(runtime, `Vacuumed Vendor ${i}`, "IN");
    const visiblePages = async () =>
      Number(
        (
          (await runtime.store.executeSql("select relallvisible from pg_class where relname = 'vendors'", []))
            .rows[0] as { relallvisible: number }
        ).relallvisible,
      );
    expect(await visiblePages()).toBe(0);
    const { tables } = await vacuumEmbeddedDatabase(runtime);
    expect(tables).toBeGreaterThan(30);
    // A server vacuums itself (autovacuum): there the job leaves it alone.
    if (testEngine === "pglite") expect(await visiblePages()).toBeGreaterThan(0);
    else expect(await visiblePages()).toBe(0);
  });

  it("vacuums the stored evaluations after each refresh on the embedded database", async () => {
    // A runtime of its own: the queue tests above leave their traces in the shared one.
    const own = await createTestRuntime();
    try {
      await makeEngagement(own);
      await refreshEvaluationsJob.run(own, {});
      const { rows } = await own.store.executeSql(
        "select relallvisible from pg_class where relname = 'engagement_evaluations'",
        [],
      );
      const visible = Number((rows[0] as { relallvisible: number }).relallvisible);
      if (testEngine === "pglite") expect(visible).toBeGreaterThan(0);
      else expect(visible).toBe(0);
    } finally {
      await own.close();
    }
  });

  it("creates a job inside a transaction only if the transaction commits", async () => {
    const queue = await JobQueue.start(runtime, { work: false, jobs: [purgeExpiredSessions] });
    await runtime.db
      .transaction()
      .execute(async (tx) => {
        await queue.send(purgeExpiredSessions.queue, {}, { tx });
        throw new Error("roll back");
      })
      .catch(() => {});
    const rolledBack = await queue.queuedCount(purgeExpiredSessions.queue);
    await runtime.db.transaction().execute(async (tx) => {
      await queue.send(purgeExpiredSessions.queue, {}, { tx });
    });
    const committed = await queue.queuedCount(purgeExpiredSessions.queue);
    await queue.stop();
    expect(rolledBack).toBe(0);
    expect(committed).toBe(1);
  });
});
