import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import { indexDeliveryJob } from "../../src/jobs/index-delivery-job.ts";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { verifyDeliveryJob } from "../../src/jobs/verify-delivery-job.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { addRepository } from "../../src/services/custody/custody-repositories.ts";
import {
  updateCustodySettings,
  updateEngagementCustodySettings,
} from "../../src/services/custody/custody-settings.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { runVerification } from "../../src/services/custody/run-verification.ts";
import { INDEX_DELIVERY_QUEUE, indexAcceptedDelivery } from "../../src/services/leaks/index-delivery.ts";
import { traceRecorded } from "../../src/services/leaks/trace-recorded.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const billing = `package com.acme.billing;

import java.util.ArrayList;
import java.util.List;

public class InvoiceLedger {
    private final List<Long> amounts = new ArrayList<>();

    // Late fees compound monthly at the contractual rate, capped at the invoice total.
    public long lateFee(long amount, int monthsLate, double monthlyRate) {
        double fee = 0;
        for (int month = 0; month < monthsLate; month++) {
            fee += (amount + fee) * monthlyRate;
            if (fee > amount) {
                fee = amount;
                break;
            }
        }
        return Math.round(fee);
    }

    public long outstanding(long paid) {
        long total = 0;
        for (long amount : amounts) {
            total += amount;
        }
        return Math.max(0, total - paid);
    }

    public void record(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("an invoice amount must be positive: " + amount);
        }
        amounts.add(amount);
    }
}
`;

/** The same class as it might turn up elsewhere: renamed, reformatted, comments dropped. */
const leaked = `package org.other.pay;
import java.util.*;
public class Book { private final List<Long> xs = new ArrayList<>();
  public long penalty(long a, int n, double r) { double f = 0;
    for (int i = 0; i < n; i++) { f += (a + f) * r; if (f > a) { f = a; break; } }
    return Math.round(f); }
  public long due(long p) { long t = 0; for (long x : xs) { t += x; } return Math.max(0, t - p); }
  public void add(long a) { if (a <= 0) { throw new IllegalArgumentException("an invoice amount must be positive: " + a); }
    xs.add(a); } }
`;

describe("accepted deliveries in the leak-watch index", () => {
  let runtime: TestRuntime;
  let work: ReturnType<typeof scratch>;
  let engagementId: string;
  let repositoryId: string;
  let vendor: TestRepository;
  let security: ServiceContext;
  const queued: Array<{ queue: string; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    runtime = await createTestRuntime();
    runtime.enqueue = async (queue, payload) => {
      queued.push({ queue, payload });
    };
    work = scratch("warden-leaks-deliveries-");
    const made = await makeEngagement(runtime);
    engagementId = made.engagementId;
    const admin = await makeUser(runtime, "admin");
    await addPerson(systemContext(runtime), made.vendorId, {
      fullName: ALICE.name,
      email: ALICE.email,
      startDate: "2026-01-01",
      ndaSignedOn: "2025-12-20",
    });
    await updateCustodySettings(contextFor(runtime, admin), { allowFileUrls: true });
    vendor = TestRepository.create(join(work.dir, "vendor-billing"));
    vendor.commit(
      {
        "README.md": "# billing\n",
        "src/main/java/com/acme/billing/InvoiceLedger.java": billing,
        "assets/logo.java": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      },
      { message: "release 1" },
    );
    vendor.run(["tag", "v1.0.0"]);
    vendor.commit({ "src/main/java/com/acme/billing/Broken.java": "class Broken {" }, { message: "wip" });
    vendor.run(["tag", "v1.1.0-rc"]);
    security = contextFor(runtime, await makeUser(runtime, "security"));
    await updateEngagementCustodySettings(security, engagementId, { commands: ["test -f README.md"] });
    repositoryId = (await addRepository(security, { engagementId, url: vendor.url, name: "billing" })).id;
  });

  afterAll(async () => {
    await runtime?.close();
    work?.remove();
  });

  async function deliver(title: string, ref: string) {
    const milestone = await createMilestone(security, engagementId, {
      title,
      amount: 5_000,
      currency: "EUR",
    });
    const { verificationId } = await recordCodeDelivery(security, milestone.id, { repositoryId, ref });
    return { milestoneId: milestone.id, verificationId };
  }

  it("queues an accepted delivery for indexing, and a trace of leaked code names the delivery", async () => {
    const { verificationId } = await deliver("Billing release 1", "v1.0.0");
    queued.length = 0;
    expect(await runVerification(runtime, verificationId)).toBe("accepted");
    expect(queued).toContainEqual({ queue: INDEX_DELIVERY_QUEUE, payload: { verificationId } });

    const outcome = await indexAcceptedDelivery(runtime, verificationId);
    // The Java file is indexed; README.md is prose and traceable too; the binary with a .java name is not.
    expect(outcome).toMatchObject({ status: "indexed", created: 2, skipped: 1 });
    const sources = await runtime.db
      .selectFrom("leak_sources")
      .select(["kind", "ref", "path", "engagement_id"])
      .where("ref", "=", verificationId)
      .orderBy("path")
      .execute();
    expect(sources).toEqual([
      { kind: "delivery", ref: verificationId, path: "README.md", engagement_id: engagementId },
      {
        kind: "delivery",
        ref: verificationId,
        path: "src/main/java/com/acme/billing/InvoiceLedger.java",
        engagement_id: engagementId,
      },
    ]);

    const report = await traceRecorded(security, [{ name: "Book.java", text: leaked, metadata: "" }]);
    expect(report.verdict).toBe("source");
    expect(report.engagementId).toBe(engagementId);
    expect(report.source).toMatchObject({
      kind: "delivery",
      ref: verificationId,
      path: "src/main/java/com/acme/billing/InvoiceLedger.java",
      title: expect.stringContaining("Billing release 1"),
    });
    expect(report.source?.title).toContain("billing v1.0.0 at ");
    expect(report.summary).toContain("Billing release 1");
  });

  it("indexes a delivery once however often the job runs, with one audit entry", async () => {
    const { verificationId } = await deliver("Billing release 1 again", "v1.0.0");
    await runVerification(runtime, verificationId);
    expect(await indexAcceptedDelivery(runtime, verificationId)).toMatchObject({
      status: "indexed",
      created: 2,
    });
    expect(await indexAcceptedDelivery(runtime, verificationId)).toMatchObject({
      status: "indexed",
      created: 0,
      fingerprints: 0,
    });
    const entries = await runtime.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "leaks.index.delivery")
      .where("target_id", "=", verificationId)
      .execute();
    expect(entries).toHaveLength(1);
  });

  it("leaves a rejected delivery out of the index", async () => {
    await updateEngagementCustodySettings(security, engagementId, { commands: ["test -f missing-file"] });
    const { verificationId } = await deliver("Billing release 1.1", "v1.1.0-rc");
    queued.length = 0;
    expect(await runVerification(runtime, verificationId)).toBe("rejected");
    expect(queued.filter((q) => q.queue === INDEX_DELIVERY_QUEUE)).toEqual([]);
    expect(await indexAcceptedDelivery(runtime, verificationId)).toEqual({ status: "not_accepted" });
    const count = await runtime.db
      .selectFrom("leak_sources")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ref", "=", verificationId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("indexes a delivery through the job queue once the verification job accepts it", async () => {
    await updateEngagementCustodySettings(security, engagementId, { commands: ["test -f README.md"] });
    const captured = runtime.enqueue;
    const queue = await JobQueue.start(runtime, {
      work: true,
      jobs: [verifyDeliveryJob, indexDeliveryJob],
      pollingIntervalSeconds: 0.5,
    });
    try {
      const { verificationId } = await deliver("Billing release 1, by the queue", "v1.0.0");
      const deadline = Date.now() + 120_000;
      let indexed = 0;
      while (indexed < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        const row = await runtime.db
          .selectFrom("leak_sources")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("ref", "=", verificationId)
          .executeTakeFirstOrThrow();
        indexed = Number(row.n);
      }
      expect(indexed).toBe(2);
    } finally {
      await queue.stop();
      runtime.enqueue = captured;
    }
  });
});
