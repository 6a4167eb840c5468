import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toIsoDate } from "../../src/domain/dates.ts";
import { refreshDashboard } from "../../src/services/dashboard/get-dashboard.ts";
import { advanceStage } from "../../src/services/engagements/advance-stage.ts";
import { addAsset } from "../../src/services/engagements/assets.ts";
import { attestControl } from "../../src/services/engagements/attest-control.ts";
import {
  recordControlException,
  revokeControlException,
} from "../../src/services/engagements/control-exceptions.ts";
import { getEngagement } from "../../src/services/engagements/get-engagement.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { recordIncident } from "../../src/services/records/incidents.ts";
import { updateVendor } from "../../src/services/vendors/update-vendor.ts";
import {
  addInsuranceCertificate,
  addVendorCertification,
} from "../../src/services/vendors/vendor-certificates.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("the engagement lifecycle", () => {
  let runtime: TestRuntime;
  const now = new Date("2026-06-15T10:00:00Z");
  const today = toIsoDate(now);
  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => now });
  });
  afterAll(async () => runtime.close());

  it("blocks due diligence with reasons until the records are there, then advances", async () => {
    const ctx = systemContext(runtime);
    const { vendorId, engagementId } = await makeEngagement(runtime);
    const blocked = await advanceStage(ctx, engagementId).catch((e) => e);
    expect(blocked).toMatchObject({ code: "gate_blocked" });
    const blockers = (blocked.details.blockers as { control: string; reasons: string[] }[]).map(
      (b) => b.control,
    );
    expect(blockers).toEqual(expect.arrayContaining(["DD-1", "DD-5", "DD-7"]));
    expect(blocked.message).toMatch(/No assets recorded/);

    await addAsset(ctx, engagementId, {
      kind: "repository",
      name: "billing-service",
      classification: "confidential",
    });
    await updateVendor(ctx, vendorId, { chainDisclosedOn: today });
    await addInsuranceCertificate(ctx, vendorId, {
      insurer: "Lloyd's",
      coverageAmount: 2_000_000,
      currency: "USD",
      expiresOn: addDays(today, 200),
    });
    await addVendorCertification(ctx, vendorId, { kind: "ISO 27001", expiresOn: addDays(today, 300) });
    // Every rule now holds; the questionnaire was never sent, so DD-2 is unknown and still holds the gate.
    let detail = await getEngagement(ctx, engagementId);
    expect(detail.evaluation.gate.blockers.map((b) => [b.id, b.status])).toEqual([["DD-2", "not_checked"]]);
    expect(detail.evaluation.gate.open).toBe(false);
    expect(detail.evaluation.remedies["DD-2"]?.area).toBe("questionnaires");
    await expect(advanceStage(ctx, engagementId)).rejects.toMatchObject({ code: "gate_blocked" });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    await recordControlException(admin, engagementId, {
      controlId: "DD-2",
      reason: "Answered on paper during the pilot; scanned copy on file",
      expiresOn: addDays(today, 30),
    });
    detail = await getEngagement(ctx, engagementId);
    expect(detail.evaluation.gate).toMatchObject({ open: true, blockers: [] });
    const moved = await advanceStage(ctx, engagementId);
    expect(moved.stage).toBe("contract");
  });

  it("holds the contract gate while no contract was ever analysed, whatever else holds", async () => {
    const ctx = systemContext(runtime);
    const { engagementId } = await makeEngagement(runtime);
    await addAsset(ctx, engagementId, { kind: "document", name: "spec", classification: "internal" });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    // Every failing or unknown blocking control of due diligence excepted: the gate opens.
    const dd = (await getEngagement(ctx, engagementId)).evaluation.gate.blockers.map((b) => b.id);
    for (const controlId of dd)
      await recordControlException(admin, engagementId, {
        controlId,
        reason: "Accepted by the CISO for the pilot phase",
        expiresOn: addDays(today, 30),
      });
    expect((await advanceStage(admin, engagementId)).stage).toBe("contract");
    // A milestone plan and IP counsel's review: the contract checks themselves never ran.
    await createMilestone(ctx, engagementId, {
      title: "Sprint 1",
      amount: 5000,
      currency: "USD",
      acceptanceDays: 10,
    });
    await attestControl(contextFor(runtime, await makeUser(runtime, "legal")), engagementId, {
      controlId: "CT-12",
      statement: "Reviewed by outside IP counsel",
      expiresOn: addDays(today, 365),
    });
    const refused = await advanceStage(admin, engagementId).catch((e) => e);
    expect(refused).toMatchObject({ code: "gate_blocked" });
    const blockers = refused.details.blockers as { control: string; status: string }[];
    expect(blockers.map((b) => [b.control, b.status])).toEqual(
      ["CT-1", "CT-2", "CT-4", "CT-5", "CT-6", "CT-8", "CT-10"].map((id) => [id, "not_checked"]),
    );
    expect((await getEngagement(ctx, engagementId)).engagement.stage).toBe("contract");

    // Excepted, the engagement moves on; once an exception is revoked, the control is raised
    // as regressed since its gate, on the engagement and on the dashboard.
    const exceptions = [];
    for (const b of blockers)
      exceptions.push(
        await recordControlException(admin, engagementId, {
          controlId: b.control,
          reason: "Signed on paper; analysis to follow",
          expiresOn: addDays(today, 30),
        }),
      );
    expect((await advanceStage(admin, engagementId)).stage).toBe("kick_off");
    expect((await getEngagement(ctx, engagementId)).evaluation.regressions).toEqual([]);
    await revokeControlException(admin, exceptions[0]!.id);
    const regressed = (await getEngagement(ctx, engagementId)).evaluation.regressions;
    expect(regressed.map((r) => [r.id, r.status])).toEqual([["CT-1", "not_checked"]]);
    const dashboard = await refreshDashboard(runtime.db, now);
    expect(dashboard.regressed.find((r) => r.engagementId === engagementId)?.controls).toEqual(["CT-1"]);
  });

  it("refuses a crown-jewel asset offshore until an admin records an exception", async () => {
    const ctx = systemContext(runtime);
    const { engagementId } = await makeEngagement(runtime);
    const asset = await addAsset(ctx, engagementId, {
      kind: "repository",
      name: "pricing-engine",
      classification: "crown_jewel",
    });
    let dd1 = (await getEngagement(ctx, engagementId)).evaluation.results.find((r) => r.id === "DD-1");
    expect(dd1?.status).toBe("fail");
    expect(dd1?.reasons.join(" ")).toMatch(
      /pricing-engine goes to an offshore engagement without an approved exception/,
    );
    const security = contextFor(runtime, await makeUser(runtime, "security"));
    await expect(
      recordControlException(security, engagementId, {
        controlId: "DD-1",
        assetId: asset.id,
        reason: "Needed for the rebuild, VDI only",
        expiresOn: addDays(today, 90),
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    await recordControlException(admin, engagementId, {
      controlId: "DD-1",
      assetId: asset.id,
      reason: "Needed for the rebuild, VDI only",
      expiresOn: addDays(today, 90),
    });
    dd1 = (await getEngagement(ctx, engagementId)).evaluation.results.find((r) => r.id === "DD-1");
    expect(dd1?.status).toBe("pass");
  });

  it("lets a gate exception through and records which one was used", async () => {
    const ctx = systemContext(runtime);
    const { engagementId } = await makeEngagement(runtime);
    await addAsset(ctx, engagementId, { kind: "document", name: "spec", classification: "internal" });
    const admin = contextFor(runtime, await makeUser(runtime, "admin"));
    for (const controlId of ["DD-2", "DD-5", "DD-7"]) {
      await recordControlException(admin, engagementId, {
        controlId,
        reason: "Accepted by the CISO for the pilot phase",
        expiresOn: addDays(today, 30),
      });
    }
    const moved = await advanceStage(admin, engagementId);
    expect(moved.stage).toBe("contract");
    const log = await runtime.db
      .selectFrom("audit_log")
      .select("summary")
      .where("action", "=", "engagement.stage.advance")
      .where("target_id", "=", engagementId)
      .executeTakeFirstOrThrow();
    expect(
      (log.summary as { exceptionsUsed: { control: string }[] }).exceptionsUsed.map((e) => e.control).sort(),
    ).toEqual(["DD-2", "DD-5", "DD-7"]);
  });

  it("accepts an attestation only for a manual control", async () => {
    const ctx = contextFor(runtime, await makeUser(runtime, "legal"));
    const { engagementId } = await makeEngagement(runtime);
    await expect(
      attestControl(ctx, engagementId, { controlId: "DD-1", statement: "Looks fine to me" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await attestControl(ctx, engagementId, {
      controlId: "CT-12",
      statement: "Reviewed by outside IP counsel",
      expiresOn: addDays(today, 365),
    });
    const ct12 = (await getEngagement(ctx, engagementId)).evaluation.results.find((r) => r.id === "CT-12");
    expect(ct12).toMatchObject({ status: "attested" });
    expect(ct12?.reasons[0]).toMatch(/legal-.*@example.com/);
  });

  it("reports engine-fed controls as not checked, never as passing", async () => {
    const { engagementId } = await makeEngagement(runtime);
    const results = (await getEngagement(systemContext(runtime), engagementId)).evaluation.results;
    for (const id of ["DD-2", "CT-1", "CT-4", "OG-1", "OG-8", "OG-9", "TM-2", "TM-4"]) {
      expect({ id, status: results.find((r) => r.id === id)?.status }).toEqual({ id, status: "not_checked" });
    }
  });

  it("computes an incident's disclosure deadline in business days", async () => {
    const { engagementId } = await makeEngagement(runtime);
    // Thursday 11 June 2026, 15:00 UTC + 4 business days = Wednesday 17 June, 15:00.
    const incident = await recordIncident(systemContext(runtime), engagementId, {
      title: "Laptop lost",
      severity: "medium",
      occurredAt: "2026-06-10T08:00:00Z",
      materialityDecidedAt: "2026-06-11T15:00:00Z",
    });
    expect(incident.disclosureDueAt).toBe("2026-06-17T15:00:00.000Z");
  });

  it("rejects a milestone without an acceptance window, saying which control needs it", async () => {
    const { engagementId } = await makeEngagement(runtime);
    await expect(
      createMilestone(systemContext(runtime), engagementId, {
        title: "M1",
        amount: 10,
        currency: "USD",
        acceptanceDays: 0,
      }),
    ).rejects.toThrow(/CT-11/);
  });
});
