import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { getEngagement } from "../../src/services/engagements/get-engagement.ts";
import { listPortalEvidence } from "../../src/services/portal/list-portal-evidence.ts";
import { listPortalPolicies } from "../../src/services/portal/list-portal-policies.ts";
import { addGrant } from "../../src/services/records/grants.ts";
import { acknowledgePolicy, createPolicy, listPolicies } from "../../src/services/records/policies.ts";
import { listPeople } from "../../src/services/roster/list-people.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { listRosterRequests } from "../../src/services/roster-requests/list-roster-requests.ts";
import { proposeJoiner, proposeLeaver } from "../../src/services/roster-requests/propose-roster-change.ts";
import {
  approveRosterRequest,
  rejectRosterRequest,
} from "../../src/services/roster-requests/review-roster-request.ts";
import { withdrawRosterRequest } from "../../src/services/roster-requests/withdraw-roster-request.ts";
import { createVendor } from "../../src/services/vendors/create-vendor.ts";
import { getVendor } from "../../src/services/vendors/get-vendor.ts";
import {
  addVendorCertification,
  verifyVendorCertificate,
} from "../../src/services/vendors/vendor-certificates.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const TODAY = "2026-06-15";

describe("vendor portal", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let security: ServiceContext;
  let vendor: ServiceContext;
  let otherVendor: ServiceContext;
  let vendorAuth: { authorization: string };
  let mine: { vendorId: string; engagementId: string };
  let theirs: { vendorId: string; engagementId: string };
  let subcontractorId: string;
  let ownPersonId: string;
  let theirPersonId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime({ now: () => new Date(`${TODAY}T10:00:00Z`) });
    app = createApp(runtime);
    security = contextFor(runtime, await makeUser(runtime, "security"));
    mine = await makeEngagement(runtime, { name: "Own Vendor Ltd" });
    theirs = await makeEngagement(runtime, { name: "Other Vendor Ltd" });
    subcontractorId = (
      await createVendor(systemContext(runtime), {
        legalName: "Own Subcontractor",
        country: "VN",
        parentVendorId: mine.vendorId,
      })
    ).id;
    const vendorUser = await makeUser(runtime, "vendor", { vendorId: mine.vendorId });
    vendor = contextFor(runtime, vendorUser);
    otherVendor = contextFor(runtime, await makeUser(runtime, "vendor", { vendorId: theirs.vendorId }));
    vendorAuth = {
      authorization: `Bearer ${(await createApiToken(vendor, { name: "portal" })).token}`,
    };
    ownPersonId = (
      await addPerson(systemContext(runtime), mine.vendorId, {
        fullName: "Own Person",
        startDate: "2026-01-01",
      })
    ).id;
    theirPersonId = (
      await addPerson(systemContext(runtime), theirs.vendorId, {
        fullName: "Other Person",
        startDate: "2026-01-01",
      })
    ).id;
  });
  afterAll(async () => runtime.close());

  async function rosterNames(vendorId = mine.vendorId): Promise<string[]> {
    return (await listPeople(security, vendorId)).items.map((p) => p.fullName);
  }

  async function countRows(table: "roster_change_requests" | "evidence" | "policy_acknowledgements") {
    const row = await runtime.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe("roster change requests", () => {
    it("adds a proposed joiner to the roster only when security approves, with its engagements", async () => {
      const request = await proposeJoiner(vendor, {
        fullName: "Joiner Approved",
        email: "joiner.approved@own.example",
        employerVendorId: subcontractorId,
        roleTitle: "Developer",
        startDate: "2026-07-01",
        ndaSignedOn: "2026-06-10",
        engagementIds: [mine.engagementId],
      });
      expect(request).toMatchObject({ kind: "joiner", status: "pending", fullName: "Joiner Approved" });
      expect(request.joiner?.engagements).toEqual([{ id: mine.engagementId, name: "Platform build" }]);
      expect(await rosterNames()).not.toContain("Joiner Approved");

      const queue = await listRosterRequests(security, { status: "pending", vendorId: mine.vendorId });
      expect(queue.pending).toBeGreaterThanOrEqual(1);
      expect(queue.items.map((r) => r.id)).toContain(request.id);

      const approved = await approveRosterRequest(security, request.id);
      expect(approved).toMatchObject({ status: "approved", reviewedBy: security.actor.label });
      const people = (await listPeople(security, mine.vendorId)).items;
      const joiner = people.find((p) => p.fullName === "Joiner Approved");
      expect(joiner).toMatchObject({ employerVendorId: subcontractorId, ndaSignedOn: "2026-06-10" });
      expect(approved.personId).toBe(joiner?.id);
      const onEngagement = await listPeople(security, mine.vendorId, { engagementId: mine.engagementId });
      expect(onEngagement.items.map((p) => p.id)).toContain(joiner?.id);

      const audit = await runtime.db
        .selectFrom("audit_log")
        .select(["action", "actor_label", "summary"])
        .where("target_id", "in", [request.id, joiner!.id])
        .orderBy("seq")
        .execute();
      expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
        ["roster.request.joiner", vendor.actor.label],
        ["roster.person.add", security.actor.label],
        ["roster.request.approve", security.actor.label],
      ]);
      expect(audit[1]?.summary).toMatchObject({ requestId: request.id });

      // Decided once: neither a second approval nor a withdrawal applies it again.
      await expect(approveRosterRequest(security, request.id)).rejects.toMatchObject({ code: "conflict" });
      await expect(withdrawRosterRequest(vendor, request.id)).rejects.toMatchObject({ code: "conflict" });
    });

    it("never adds a rejected joiner, and shows the vendor why", async () => {
      const request = await proposeJoiner(vendor, { fullName: "Joiner Rejected", startDate: "2026-07-01" });
      await expect(rejectRosterRequest(security, request.id, { reason: "  " })).rejects.toMatchObject({
        code: "invalid_input",
      });
      await rejectRosterRequest(security, request.id, { reason: "No NDA on file for this person." });
      expect(await rosterNames()).not.toContain("Joiner Rejected");
      const own = await listRosterRequests(vendor);
      expect(own.items.find((r) => r.id === request.id)).toMatchObject({
        status: "rejected",
        reviewReason: "No NDA on file for this person.",
      });
      await expect(approveRosterRequest(security, request.id)).rejects.toMatchObject({ code: "conflict" });
      expect(await rosterNames()).not.toContain("Joiner Rejected");
    });

    it("applies a leaver's end date on approval, not before", async () => {
      const request = await proposeLeaver(vendor, { personId: ownPersonId, endDate: "2026-06-30" });
      expect(request).toMatchObject({
        kind: "leaver",
        fullName: "Own Person",
        leaver: { endDate: "2026-06-30" },
      });
      // One pending change per person at a time.
      await expect(
        proposeLeaver(vendor, { personId: ownPersonId, endDate: "2026-07-31" }),
      ).rejects.toMatchObject({ code: "conflict" });
      const before = (await listPeople(security, mine.vendorId)).items.find((p) => p.id === ownPersonId);
      expect(before?.endDate).toBeNull();
      await approveRosterRequest(security, request.id);
      const after = (await listPeople(security, mine.vendorId)).items.find((p) => p.id === ownPersonId);
      expect(after?.endDate).toBe("2026-06-30");
    });

    it("lets the vendor withdraw its pending request, and never approve one", async () => {
      const request = await proposeJoiner(vendor, { fullName: "Joiner Withdrawn", startDate: "2026-07-01" });
      await expect(approveRosterRequest(vendor, request.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(rejectRosterRequest(vendor, request.id, { reason: "no" })).rejects.toMatchObject({
        code: "forbidden",
      });
      const res = await app.request(`/api/roster-requests/${request.id}/approve`, {
        method: "POST",
        headers: vendorAuth,
      });
      expect(res.status).toBe(403);
      // Internal users review; they do not withdraw a vendor's request.
      await expect(withdrawRosterRequest(security, request.id)).rejects.toMatchObject({ code: "forbidden" });
      expect(await withdrawRosterRequest(vendor, request.id)).toMatchObject({ status: "withdrawn" });
      await expect(approveRosterRequest(security, request.id)).rejects.toMatchObject({ code: "conflict" });
      expect(await rosterNames()).not.toContain("Joiner Withdrawn");
    });

    it("keeps each vendor to its own requests, people, subcontractors and engagements", async () => {
      const request = await proposeJoiner(vendor, { fullName: "Own Pending", startDate: "2026-07-01" });
      const rows = await countRows("roster_change_requests");
      for (const attempt of [
        () =>
          proposeJoiner(vendor, {
            fullName: "X",
            startDate: "2026-07-01",
            employerVendorId: theirs.vendorId,
          }),
        () =>
          proposeJoiner(vendor, {
            fullName: "X",
            startDate: "2026-07-01",
            engagementIds: [theirs.engagementId],
          }),
        () => proposeLeaver(vendor, { personId: theirPersonId, endDate: "2026-06-30" }),
        () => withdrawRosterRequest(otherVendor, request.id),
        () => listRosterRequests(otherVendor, { vendorId: mine.vendorId }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
      }
      expect((await listRosterRequests(otherVendor)).items).toEqual([]);
      expect(await countRows("roster_change_requests")).toBe(rows);
      const res = await app.request(`/api/portal/roster-requests/joiners`, {
        method: "POST",
        headers: { ...vendorAuth, "content-type": "application/json" },
        body: JSON.stringify({
          fullName: "X",
          startDate: "2026-07-01",
          engagementIds: [theirs.engagementId],
        }),
      });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Other Vendor");
    });

    it("writes nothing for bad input", async () => {
      const rows = await countRows("roster_change_requests");
      for (const input of [
        { fullName: "", startDate: "2026-07-01" },
        { fullName: "Bad Dates", startDate: "2026-07-01", endDate: "2026-06-01" },
        { fullName: "Bad NDA", startDate: "2026-07-01", ndaExpiresOn: "2027-01-01" },
        { fullName: "Bad Email", startDate: "2026-07-01", email: "not-an-email" },
        { fullName: "Bad Engagement", startDate: "2026-07-01", engagementIds: ["nope"] },
      ]) {
        await expect(proposeJoiner(vendor, input)).rejects.toMatchObject({ code: "invalid_input" });
      }
      await expect(
        proposeLeaver(vendor, { personId: ownPersonId, endDate: "2025-01-01" }),
      ).rejects.toMatchObject({ code: "invalid_input" });
      await expect(
        proposeJoiner(security, { fullName: "Internal", startDate: "2026-07-01" }),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect(await countRows("roster_change_requests")).toBe(rows);
    });
  });

  describe("policy acknowledgements", () => {
    it("lists the vendor's policies and people, records an acknowledgement from the portal, and KO-1 reads it", async () => {
      const { engagementId } = mine;
      const policy = await createPolicy(security, { title: "Encryption", engagementId });
      const foreign = await createPolicy(security, {
        title: "Other Client Rules",
        engagementId: theirs.engagementId,
      });
      const person = await addPerson(security, mine.vendorId, {
        fullName: "Needs Access",
        startDate: "2026-01-01",
        ndaSignedOn: "2026-01-01",
      });
      await addGrant(security, engagementId, {
        personId: person.id,
        system: "vpn",
        account: "needs.access",
        scope: ["repo:platform"],
        reason: "Builds the platform",
        grantedOn: "2026-06-01",
      });
      const ko1 = async () =>
        (await getEngagement(security, engagementId)).evaluation.results.find((c) => c.id === "KO-1");
      expect((await ko1())?.status).toBe("fail");

      const listed = await listPortalPolicies(vendor);
      expect(listed.policies.map((p) => p.title)).toContain("Encryption");
      expect(listed.policies.map((p) => p.title)).not.toContain("Other Client Rules");
      expect(listed.people.map((p) => p.fullName)).toContain("Needs Access");
      expect(listed.people.map((p) => p.fullName)).not.toContain("Other Person");
      expect(listed.policies.find((p) => p.id === policy.id)?.requiredPersonIds).toContain(person.id);

      const rows = await countRows("policy_acknowledgements");
      for (const attempt of [
        () => acknowledgePolicy(vendor, policy.id, theirPersonId, {}),
        () => acknowledgePolicy(vendor, foreign.id, person.id, {}),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
      }
      await expect(
        acknowledgePolicy(vendor, policy.id, person.id, { acknowledgedOn: "2026-06-16" }),
      ).rejects.toMatchObject({ code: "invalid_input" });
      await expect(
        acknowledgePolicy(vendor, policy.id, person.id, { acknowledgedOn: "2026-06-01" }),
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("issued on 2026-06-15"),
      });
      expect(await countRows("policy_acknowledgements")).toBe(rows);

      const body = new FormData();
      body.set("meta", JSON.stringify({ acknowledgedOn: TODAY }));
      body.set("file", new File(["signed by Needs Access"], "ack.pdf", { type: "application/pdf" }));
      const res = await app.request(
        `/api/portal/policies/${policy.id}/acknowledgements/${person.id}/upload`,
        { method: "POST", headers: vendorAuth, body },
      );
      expect(res.status).toBe(201);
      const ack = (await res.json()) as { source: string; evidenceId: string };
      expect(ack.source).toBe("portal");

      expect((await ko1())?.status).toBe("pass");
      const internal = (await listPolicies(security, engagementId)).find((p) => p.id === policy.id);
      expect(internal?.acknowledgedBy).toEqual([
        expect.objectContaining({ personId: person.id, source: "portal", recordedBy: vendor.actor.label }),
      ]);
      const evidence = await listPortalEvidence(vendor);
      expect(evidence.find((e) => e.id === ack.evidenceId)).toMatchObject({
        source: "portal",
        controls: ["KO-1"],
      });
      await expect(acknowledgePolicy(vendor, policy.id, person.id, {})).rejects.toMatchObject({
        code: "conflict",
      });
    });
  });

  describe("certificates and evidence", () => {
    function form(meta: unknown, file?: File): FormData {
      const body = new FormData();
      body.set("meta", JSON.stringify(meta));
      if (file) body.set("file", file);
      return body;
    }

    it("stores a vendor's certification with its file, marked as submitted through the portal", async () => {
      const res = await app.request("/api/portal/certifications/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form(
          { kind: "ISO 27001", issuer: "BSI", expiresOn: "2027-06-30" },
          new File(["%PDF-1.4 certificate"], "iso.pdf", { type: "application/pdf" }),
        ),
      });
      expect(res.status).toBe(201);
      const cert = (await res.json()) as { id: string; evidenceId: string };
      const detail = await getVendor(security, mine.vendorId);
      expect(detail.certifications.find((c) => c.id === cert.id)).toMatchObject({
        kind: "ISO 27001",
        source: "portal",
        submittedBy: vendor.actor.label,
        evidenceId: cert.evidenceId,
      });
      const download = await app.request(`/api/evidence/${cert.evidenceId}/file`, { headers: vendorAuth });
      expect(await download.text()).toBe("%PDF-1.4 certificate");
    });

    it("counts a vendor's certification for DD-6 only once the security team verified it", async () => {
      const dd6 = async () =>
        (await getEngagement(security, theirs.engagementId)).evaluation.results.find((r) => r.id === "DD-6");
      const otherAuth = {
        authorization: `Bearer ${(await createApiToken(otherVendor, { name: "other portal" })).token}`,
      };
      const res = await app.request("/api/portal/certifications/upload", {
        method: "POST",
        headers: otherAuth,
        body: form(
          { kind: "SOC 2 Type II", expiresOn: "2027-03-31" },
          new File(["%PDF-1.4 soc2"], "soc2.pdf", { type: "application/pdf" }),
        ),
      });
      expect(res.status).toBe(201);
      const cert = (await res.json()) as { id: string };
      expect((await dd6())?.status).toBe("fail");

      // The vendor cannot vouch for itself, another vendor's contact cannot see it.
      const byVendor = await app.request(`/api/vendor-certifications/${cert.id}/verify`, {
        method: "POST",
        headers: otherAuth,
      });
      expect(byVendor.status).toBe(403);
      await expect(verifyVendorCertificate(vendor, "certification", cert.id)).rejects.toMatchObject({
        code: "forbidden",
      });
      expect((await dd6())?.status).toBe("fail");

      const verified = await verifyVendorCertificate(security, "certification", cert.id);
      expect(verified.verifiedBy).toBe(security.actor.label);
      const after = await dd6();
      expect(after?.status).not.toBe("fail");
      expect(after?.reasons.join(" ")).toContain("SOC 2 Type II until 2027-03-31");
      expect(
        (await getVendor(security, theirs.vendorId)).certifications.find((c) => c.id === cert.id),
      ).toMatchObject({ verifiedBy: security.actor.label });
      await expect(verifyVendorCertificate(security, "certification", cert.id)).rejects.toMatchObject({
        code: "conflict",
      });
      const audit = await runtime.db
        .selectFrom("audit_log")
        .select(["action", "actor_label"])
        .where("action", "=", "vendor.certification.verify")
        .execute();
      expect(audit).toEqual([expect.objectContaining({ actor_label: security.actor.label })]);
    });

    it("stores an insurance certificate and engagement evidence from the portal", async () => {
      const insurance = await app.request("/api/portal/insurance/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form(
          { insurer: "Lloyd's", coverageAmount: 2_000_000, currency: "USD", expiresOn: "2027-01-31" },
          new File(["policy"], "insurance.pdf", { type: "application/pdf" }),
        ),
      });
      expect(insurance.status).toBe(201);
      expect((await getVendor(security, mine.vendorId)).insurance).toEqual([
        expect.objectContaining({ insurer: "Lloyd's", source: "portal" }),
      ]);
      const evidence = await app.request("/api/evidence/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form(
          {
            title: "Firewall review",
            engagementId: mine.engagementId,
            controls: ["CT-7"],
            effectiveOn: "2026-06-01",
            expiresOn: "2027-06-01",
          },
          new File(["rules"], "firewall.txt", { type: "text/plain" }),
        ),
      });
      expect(evidence.status).toBe(201);
      expect(await evidence.json()).toMatchObject({ source: "portal", controls: ["CT-7"] });
    });

    it("refuses another vendor, a missing file and a bad file type, and writes nothing", async () => {
      const evidenceRows = await countRows("evidence");
      const certRows = async () =>
        (await runtime.db.selectFrom("vendor_certifications").select("id").execute()).length;
      const certs = await certRows();
      const pdf = () => new File(["%PDF"], "c.pdf", { type: "application/pdf" });
      await expect(
        addVendorCertification(
          vendor,
          theirs.vendorId,
          { kind: "SOC 2", expiresOn: "2027-01-01" },
          {
            bytes: new Uint8Array([1]),
            filename: "c.pdf",
            mediaType: "application/pdf",
          },
        ),
      ).rejects.toMatchObject({ code: "not_found" });
      const noFile = await app.request("/api/portal/certifications/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form({ kind: "SOC 2", expiresOn: "2027-01-01" }),
      });
      expect(noFile.status).toBe(400);
      const badType = await app.request("/api/portal/certifications/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form(
          { kind: "SOC 2", expiresOn: "2027-01-01" },
          new File(["MZ"], "c.exe", { type: "application/x-msdownload" }),
        ),
      });
      expect(badType.status).toBe(415);
      const badDates = await app.request("/api/portal/certifications/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form({ kind: "SOC 2", issuedOn: "2027-02-01", expiresOn: "2027-01-01" }, pdf()),
      });
      expect(badDates.status).toBe(400);
      const otherEngagement = await app.request("/api/evidence/upload", {
        method: "POST",
        headers: vendorAuth,
        body: form({ title: "x", engagementId: theirs.engagementId }, pdf()),
      });
      expect(otherEngagement.status).toBe(404);
      expect(await countRows("evidence")).toBe(evidenceRows);
      expect(await certRows()).toBe(certs);
      expect((await listPortalEvidence(otherVendor)).map((e) => e.title)).not.toContain("Firewall review");
    });
  });
});
