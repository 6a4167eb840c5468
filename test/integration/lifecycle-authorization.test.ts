import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { getEngagement } from "../../src/services/engagements/get-engagement.ts";
import { listEngagements } from "../../src/services/engagements/list-engagements.ts";
import { approvePayment } from "../../src/services/milestones/approve-payment.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { decideDelivery, recordDelivery } from "../../src/services/milestones/move-milestone.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { updateOrgSettings } from "../../src/services/playbook/playbook-settings.ts";
import { listPeople } from "../../src/services/roster/list-people.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { getVendor } from "../../src/services/vendors/get-vendor.ts";
import { listVendors } from "../../src/services/vendors/list-vendors.ts";
import { contextFor, makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("lifecycle authorisation", () => {
  let runtime: TestRuntime;
  let finance: ServiceContext;
  let legal: ServiceContext;
  let security: ServiceContext;
  let mine: { vendorId: string; engagementId: string };
  let theirs: { vendorId: string; engagementId: string };
  let vendorUser: ServiceContext;
  let vendorEmail: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    finance = contextFor(runtime, await makeUser(runtime, "finance"));
    legal = contextFor(runtime, await makeUser(runtime, "legal"));
    security = contextFor(runtime, await makeUser(runtime, "security"));
    mine = await makeEngagement(runtime, { name: "Own Vendor Ltd" });
    theirs = await makeEngagement(runtime, { name: "Other Vendor Ltd" });
    const user = await makeUser(runtime, "vendor", { vendorId: mine.vendorId });
    vendorEmail = user.email;
    vendorUser = contextFor(runtime, user);
    await addPerson(systemContext(runtime), mine.vendorId, {
      fullName: "Own Person",
      startDate: "2026-01-01",
    });
    await addPerson(systemContext(runtime), theirs.vendorId, {
      fullName: "Other Person",
      startDate: "2026-01-01",
    });
  });
  afterAll(async () => runtime.close());

  async function acceptedMilestone() {
    const m = await createMilestone(security, mine.engagementId, {
      title: "Sprint 1",
      amount: 5000,
      currency: "USD",
      acceptanceDays: 5,
    });
    await recordDelivery(security, m.id, { repository: "git.internal/x", ref: "v1" });
    await decideDelivery(security, m.id, { accept: true, reason: "Reviewed the build with the vendor" });
    return m.id;
  }

  it("accepts an unverified delivery only manually: security, with a reason, recorded as an exception", async () => {
    const m = await createMilestone(security, mine.engagementId, {
      title: "Merchant API v1",
      amount: 90000,
      currency: "USD",
      acceptanceDays: 5,
    });
    await recordDelivery(security, m.id, { repository: "git.internal/merchant-api", ref: "v1.0.0" });
    // One click is not enough: no reason, no acceptance.
    await expect(decideDelivery(security, m.id, { accept: true })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    await expect(decideDelivery(admin, m.id, { accept: true, reason: "Looks fine" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const accepted = await decideDelivery(security, m.id, {
      accept: true,
      reason: "Delivered as a signed archive; verified by hand",
    });
    expect(accepted).toMatchObject({
      state: "accepted",
      acceptance: {
        kind: "manual",
        by: security.actor.label,
        reason: "Delivered as a signed archive; verified by hand",
      },
    });
    const log = await runtime.db
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("target_id", "=", m.id)
      .where("action", "=", "milestone.accept.manual")
      .executeTakeFirstOrThrow();
    expect(log.summary).toMatchObject({
      amount: "90000.00",
      currency: "USD",
      from: "delivered",
      to: "accepted",
    });
  });

  it("never lets finance deliver again what security rejected, nor pay it", async () => {
    const m = await createMilestone(security, mine.engagementId, {
      title: "Sprint 4",
      amount: 5000,
      currency: "USD",
      acceptanceDays: 5,
    });
    await recordDelivery(security, m.id, { repository: "git.internal/x", ref: "v4" });
    await decideDelivery(security, m.id, { accept: false, reason: "Tests fail" });
    await expect(
      recordDelivery(finance, m.id, { repository: "git.internal/x", ref: "v4-fixed" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      recordCodeDelivery(finance, m.id, { repositoryId: crypto.randomUUID(), ref: "v4-fixed" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(approvePayment(finance, m.id)).rejects.toMatchObject({ code: "gate_blocked" });
    const still = await runtime.db
      .selectFrom("milestones")
      .select("state")
      .where("id", "=", m.id)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe("rejected");
  });

  it("refuses payment to whoever accepted the delivery, unless the organisation allows it", async () => {
    const both = await makeUser(runtime, "security");
    const id = await (async () => {
      const m = await createMilestone(security, mine.engagementId, {
        title: "Sprint 5",
        amount: 5000,
        currency: "USD",
        acceptanceDays: 5,
      });
      await recordDelivery(security, m.id, {});
      await decideDelivery(contextFor(runtime, both), m.id, { accept: true, reason: "Design reviewed" });
      return m.id;
    })();
    // The acceptor moves to finance: separation of duties still holds.
    await runtime.db.updateTable("users").set({ role: "finance" }).where("id", "=", both.id).execute();
    const nowFinance = contextFor(runtime, { ...both, role: "finance" });
    await expect(approvePayment(nowFinance, id)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/separation of duties/),
    });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    await updateOrgSettings(admin, { paymentByAcceptor: true });
    try {
      await expect(approvePayment(nowFinance, id)).resolves.toMatchObject({ state: "payment_approved" });
    } finally {
      await updateOrgSettings(admin, { paymentByAcceptor: false });
    }
    const change = await runtime.db
      .selectFrom("audit_log")
      .select("summary")
      .where("action", "=", "settings.playbook.update")
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    expect(change.summary).toEqual({ paymentByAcceptor: true });
  });

  it("lets finance approve payment of an accepted delivery, and not legal", async () => {
    const id = await acceptedMilestone();
    await expect(approvePayment(legal, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(approvePayment(finance, id)).resolves.toMatchObject({
      state: "payment_approved",
      paymentApprovedBy: finance.actor.label,
    });
  });

  it("lets no one approve payment for a delivery that is not accepted", async () => {
    const m = await createMilestone(security, mine.engagementId, {
      title: "Sprint 2",
      amount: 5000,
      currency: "USD",
      acceptanceDays: 5,
    });
    await expect(approvePayment(finance, m.id)).rejects.toMatchObject({ code: "gate_blocked" });
    await recordDelivery(security, m.id, {});
    await expect(approvePayment(finance, m.id)).rejects.toMatchObject({ code: "gate_blocked" });
    await decideDelivery(security, m.id, { accept: false, reason: "Tests fail" });
    await expect(approvePayment(finance, m.id)).rejects.toMatchObject({ code: "gate_blocked" });
    // Payment approval is finance's alone: not even an admin or the system may do it.
    await expect(
      approvePayment(contextFor(runtime, await makeUser(runtime, "admin")), m.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(approvePayment(systemContext(runtime), m.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps finance from accepting the deliveries it pays (separation of duties)", async () => {
    const m = await createMilestone(security, mine.engagementId, {
      title: "Sprint 3",
      amount: 5000,
      currency: "USD",
      acceptanceDays: 5,
    });
    await recordDelivery(security, m.id, {});
    await expect(decideDelivery(finance, m.id, { accept: true })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("shows a vendor user only its own vendor's roster and engagements", async () => {
    expect((await listVendors(vendorUser)).items.map((v) => v.id)).toEqual([mine.vendorId]);
    expect((await listEngagements(vendorUser)).items.map((e) => e.id)).toEqual([mine.engagementId]);
    expect((await listPeople(vendorUser, mine.vendorId)).items.map((p) => p.fullName)).toEqual([
      "Own Person",
    ]);
    const own = await getVendor(vendorUser, mine.vendorId);
    expect(own.vendor).not.toHaveProperty("internalNotes");
    for (const attempt of [
      () => getVendor(vendorUser, theirs.vendorId),
      () => listPeople(vendorUser, theirs.vendorId),
      () => getEngagement(vendorUser, theirs.engagementId),
      () =>
        listEngagements(vendorUser, { vendorId: theirs.vendorId }).then((p) => {
          if (p.items.length) throw new Error("leaked");
          throw Object.assign(new Error("empty"), { code: "not_found" });
        }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("gives a vendor user nothing for other vendors' ids over HTTP, and lets it approve nothing", async () => {
    const app = createApp(runtime);
    const client = new TestClient(app);
    expect((await client.login(vendorEmail, TEST_PASSWORD)).status).toBe(200);
    for (const path of [
      `/api/vendors/${theirs.vendorId}`,
      `/api/vendors/${theirs.vendorId}/people`,
      `/api/engagements/${theirs.engagementId}/milestones`,
      `/api/engagements/${theirs.engagementId}/evidence`,
    ]) {
      const res = await client.request("GET", path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    // The evaluated engagement is internal: refused to a vendor contact whoever's it is.
    expect((await client.request("GET", `/api/engagements/${theirs.engagementId}`)).status).toBe(403);
    const id = await acceptedMilestone();
    for (const [method, path, body] of [
      ["POST", `/api/milestones/${id}/approve-payment`, undefined],
      ["POST", `/api/milestones/${id}/decide`, { accept: true, reason: "I like it" }],
      ["POST", `/api/engagements/${mine.engagementId}/advance`, undefined],
      [
        "POST",
        `/api/engagements/${mine.engagementId}/attestations`,
        { controlId: "DD-3", statement: "We visited ourselves" },
      ],
      [
        "POST",
        `/api/engagements/${mine.engagementId}/exceptions`,
        { controlId: "DD-1", reason: "we would like one please", expiresOn: "2030-01-01" },
      ],
      ["GET", "/api/dashboard", undefined],
      ["GET", "/api/audits", undefined],
    ] as const) {
      const res = await client.request(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });
});

describe("the demo workspace over HTTP", () => {
  it("loads into an empty Warden once, and the dashboard shows it", async () => {
    const runtime = await createTestRuntime();
    try {
      const app = createApp(runtime);
      const admin = new TestClient(app);
      const security = new TestClient(app);
      const [a, s] = [await makeUser(runtime, "admin"), await makeUser(runtime, "security")];
      await admin.login(a.email, TEST_PASSWORD);
      await security.login(s.email, TEST_PASSWORD);
      const first = await admin.request("POST", "/api/demo");
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ vendors: 2, engagements: 2, people: 25 });
      expect((await admin.request("POST", "/api/demo")).status).toBe(409);
      const dashboard = (await (await security.request("GET", "/api/dashboard")).json()) as {
        totals: { engagements: number };
        expiring: { kind: string }[];
      };
      expect(dashboard.totals.engagements).toBe(2);
      // The demo's expired NDA and expiring certification are among the reminders.
      expect(dashboard.expiring.map((e) => e.kind)).toEqual(expect.arrayContaining(["nda", "certification"]));
      // No demo engagement sits past a gate its records could not pass.
      const ids = (await runtime.db.selectFrom("engagements").select("id").execute()).map((e) => e.id);
      for (const e of await evaluateEngagements(runtime.db, ids, runtime.now()))
        expect({ engagement: e.name, regressed: e.regressions.map((r) => r.id) }).toEqual({
          engagement: e.name,
          regressed: [],
        });
      // Its records are the system's, written as "demo" for the admin who loaded it.
      const actors = await runtime.db
        .selectFrom("audit_log")
        .select("actor_label")
        .distinct()
        .where("action", "like", "vendor.%")
        .execute();
      expect(actors.map((a) => a.actor_label)).toEqual([`demo (for ${a.email})`]);
    } finally {
      await runtime.close();
    }
  }, 120_000);
});
