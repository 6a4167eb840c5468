import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireMirrorLock } from "../../src/engines/custody/mirror-lock.ts";
import { ALICE, git, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import { createApp } from "../../src/server/app.ts";
import { acknowledgeAlert } from "../../src/services/custody/acknowledge-alert.ts";
import { addRepository, mirrorDirFor } from "../../src/services/custody/custody-repositories.ts";
import {
  updateCustodySettings,
  updateEngagementCustodySettings,
} from "../../src/services/custody/custody-settings.ts";
import { getCustodyStatus } from "../../src/services/custody/custody-status.ts";
import { getDeliveryReport } from "../../src/services/custody/delivery-report.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { runVerification } from "../../src/services/custody/run-verification.ts";
import { syncRepository } from "../../src/services/custody/sync-repository.ts";
import { approvePayment } from "../../src/services/milestones/approve-payment.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { contextFor, makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const AWS_ID = "AKIAQYLPMN5HHHFPZAM2";
const TOKEN = "ghp_s3cretTokenThatMustNeverLeak0123456789";

let clock = new Date("2026-03-02T09:00:00Z");
let runtime: TestRuntime;
let work: ReturnType<typeof scratch>;
let engagementId: string;
let vendorId: string;
let admin: PublicUser;
let security: PublicUser;
let finance: PublicUser;
const queued: Array<{ queue: string; payload: Record<string, unknown> }> = [];

async function control(id: string, at = clock) {
  const [evaluation] = await evaluateEngagements(runtime.db, [engagementId], at);
  return evaluation?.results.find((r) => r.id === id);
}

async function expectRefusal(work: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(work).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

beforeAll(async () => {
  runtime = await createTestRuntime({ now: () => clock });
  runtime.enqueue = async (queue, payload) => {
    queued.push({ queue, payload });
  };
  work = scratch("warden-custody-it-");
  ({ engagementId, vendorId } = await makeEngagement(runtime));
  admin = await makeUser(runtime, "admin");
  security = await makeUser(runtime, "security");
  finance = await makeUser(runtime, "finance");
  await addPerson(systemContext(runtime), vendorId, {
    fullName: ALICE.name,
    email: ALICE.email,
    startDate: "2026-01-01",
  });
  await updateEngagementCustodySettings(contextFor(runtime, security), engagementId, {
    commands: ["test -f README.md"],
  });
});

afterAll(async () => {
  await runtime?.close();
  work?.remove();
});

describe("registering repositories", () => {
  it("refuses hostile URLs and, by default, local file URLs, with a clear error", async () => {
    const ctx = contextFor(runtime, security);
    await expectRefusal(
      addRepository(ctx, { engagementId, url: "ext::sh -c touch% /tmp/pwned" }),
      "invalid_input",
      /transport helpers/,
    );
    await expectRefusal(
      addRepository(ctx, { engagementId, url: "--upload-pack=touch /tmp/pwned" }),
      "invalid_input",
      /starts with '-'/,
    );
    await expectRefusal(
      addRepository(ctx, { engagementId, url: `file://${work.dir}/anything` }),
      "invalid_input",
      /file URLs are not allowed/,
    );
    const client = new TestClient(createApp(runtime));
    expect((await client.login(security.email, TEST_PASSWORD)).status).toBe(200);
    const res = await client.request("POST", "/api/custody/repositories", {
      engagementId,
      url: "ext::sh -c id",
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/Repository URL refused: transport helpers/);
    const rows = await runtime.db.selectFrom("custody_repositories").select("id").execute();
    expect(rows).toHaveLength(0);
  });

  it("seals credentials: never in an API response, the audit log or the database in clear", async () => {
    const other = await makeEngagement(runtime);
    const client = new TestClient(createApp(runtime));
    await client.login(security.email, TEST_PASSWORD);
    const created = await client.request("POST", "/api/custody/repositories", {
      engagementId: other.engagementId,
      url: "https://git.vendor.example/acme/app.git",
      username: "warden-bot",
      token: TOKEN,
    });
    expect(created.status).toBe(201);
    const body = await created.text();
    expect(body).not.toContain(TOKEN);
    expect(JSON.parse(body)).toMatchObject({ hasCredentials: true, username: "warden-bot" });
    for (const path of ["/api/custody/repositories", `/api/engagements/${other.engagementId}/custody`]) {
      const res = await client.request("GET", path);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(TOKEN);
    }
    const dump = JSON.stringify([
      await runtime.db.selectFrom("custody_repositories").selectAll().execute(),
      await runtime.db.selectFrom("audit_log").selectAll().execute(),
    ]);
    expect(dump).not.toContain(TOKEN);
    const sealed = await runtime.db
      .selectFrom("custody_repositories")
      .select("credentials_sealed")
      .where("engagement_id", "=", other.engagementId)
      .executeTakeFirstOrThrow();
    expect(runtime.secrets.open(sealed.credentials_sealed ?? "")).toBe(TOKEN);
  });
});

describe("mirroring", () => {
  let vendor: TestRepository;
  let repositoryId: string;

  beforeAll(async () => {
    await updateCustodySettings(contextFor(runtime, admin), { allowFileUrls: true });
    vendor = TestRepository.create(join(work.dir, "vendor-history"));
    vendor.commit({ "README.md": "# app\n" }, { message: "first" });
    const repo = await addRepository(contextFor(runtime, security), {
      engagementId,
      url: vendor.url,
      name: "history",
    });
    repositoryId = repo.id;
    expect(queued).toContainEqual({ queue: "custody.sync", payload: { repositoryId, trigger: "manual" } });
  });

  it("mirrors into the data folder and records the sync", async () => {
    const outcome = await syncRepository(runtime, repositoryId, "manual");
    expect(outcome).toMatchObject({ status: "succeeded", fsckOk: true, alerts: 0 });
    const status = await getCustodyStatus(contextFor(runtime, security), engagementId);
    const repo = status.repositories.find((r) => r.id === repositoryId);
    expect(repo?.fresh).toBe(true);
    expect(repo?.refs).toContainEqual({ ref: "refs/heads/main", oid: vendor.head() });
    expect(repo?.lastSync?.initialClone).toBe(true);
  });

  it("raises an alert and preserves the old commit when the vendor force-pushes", async () => {
    const before = vendor.commit({ "src/a.ts": "export const a = 1;\n" }, { message: "second" });
    await syncRepository(runtime, repositoryId, "schedule");
    git(vendor.dir, ["reset", "-q", "--hard", "HEAD~1"]);
    const rewritten = vendor.commit({ "src/b.ts": "export const b = 2;\n" }, { message: "rewritten" });
    clock = new Date(clock.getTime() + 60_000);
    const outcome = await syncRepository(runtime, repositoryId, "schedule");
    expect(outcome.alerts).toBe(1);

    const status = await getCustodyStatus(contextFor(runtime, security), engagementId);
    const alert = status.alerts.find((a) => a.repositoryId === repositoryId);
    expect(alert).toMatchObject({
      kind: "force_push",
      ref: "refs/heads/main",
      oldOid: before,
      newOid: rewritten,
    });
    const repo = status.repositories.find((r) => r.id === repositoryId);
    expect(repo?.preserved).toContainEqual(
      expect.objectContaining({ originalRef: "refs/heads/main", oid: before }),
    );
    expect(repo?.openAlerts).toBe(1);

    const og1 = await control("OG-1");
    expect(og1?.status).toBe("warn");
    expect(og1?.reasons.join(" ")).toMatch(/force push refs\/heads\/main/);

    await acknowledgeAlert(contextFor(runtime, security), alert?.id, {
      note: "Rebase agreed with the vendor.",
    });
    const after = await getCustodyStatus(contextFor(runtime, security), engagementId);
    expect(after.alerts.find((a) => a.id === alert?.id)?.acknowledgedBy).toBe(security.email);
  });
});

describe("deliveries", () => {
  let vendor: TestRepository;
  let repositoryId: string;
  let cleanCommit: string;

  beforeAll(async () => {
    await updateCustodySettings(contextFor(runtime, admin), { allowFileUrls: true });
    vendor = TestRepository.create(join(work.dir, "vendor-app"));
    cleanCommit = vendor.commit(
      { "README.md": "# app\n", "package.json": JSON.stringify({ name: "app", license: "MIT" }) },
      { message: "release 1" },
    );
    vendor.run(["tag", "v1.0.0"]);
    const repo = await addRepository(contextFor(runtime, security), {
      engagementId,
      url: vendor.url,
      name: "app",
    });
    repositoryId = repo.id;
  });

  async function deliver(title: string, ref: string) {
    const milestone = await createMilestone(contextFor(runtime, security), engagementId, {
      title,
      amount: 10_000,
      currency: "USD",
    });
    queued.length = 0;
    const delivery = await recordCodeDelivery(contextFor(runtime, security), milestone.id, {
      repositoryId,
      ref,
    });
    expect(delivery.milestone.state).toBe("verifying");
    expect(queued).toContainEqual({
      queue: "custody.verify",
      payload: { verificationId: delivery.verificationId },
    });
    return { milestoneId: milestone.id, verificationId: delivery.verificationId };
  }

  async function milestoneState(id: string) {
    return runtime.db
      .selectFrom("milestones")
      .select(["state", "decision_reason"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  }

  it("accepts a clean delivery built and tested from our mirror, and finance can approve its payment", async () => {
    const { milestoneId, verificationId } = await deliver("Release 1", "v1.0.0");
    expect(await runVerification(runtime, verificationId)).toBe("accepted");
    expect((await milestoneState(milestoneId)).state).toBe("accepted");

    const report = await getDeliveryReport(contextFor(runtime, security), verificationId);
    expect(report).toMatchObject({ verdict: "accepted", commit: cleanCommit, reasons: [] });
    expect(report.checks.find((c) => c.id === "build")?.status).toBe("passed");
    const evidence = await runtime.db
      .selectFrom("evidence")
      .selectAll()
      .where("id", "=", report.manifestEvidenceId)
      .executeTakeFirstOrThrow();
    const manifest = JSON.parse((await runtime.blobs.read(evidence.blob_sha256 ?? "")).toString("utf8"));
    expect(manifest.commit).toBe(cleanCommit);
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(["README.md", "package.json"]);

    expect((await control("OG-2"))?.status).toBe("pass");
    expect((await control("OG-3"))?.status).toBe("pass");
    const paid = await approvePayment(contextFor(runtime, finance), milestoneId);
    expect(paid.state).toBe("payment_approved");
  });

  it("rejects a delivery with a planted AWS key, naming file and line, and the milestone cannot be paid", async () => {
    const planted = vendor.commit(
      { "config/aws.ini": `[default]\naws_access_key_id = ${AWS_ID}\n` },
      { message: "add config" },
    );
    vendor.run(["tag", "v1.1.0"]);
    const { milestoneId, verificationId } = await deliver("Release 2", "v1.1.0");
    expect(await runVerification(runtime, verificationId)).toBe("rejected");

    const milestone = await milestoneState(milestoneId);
    expect(milestone.state).toBe("rejected");
    expect(milestone.decision_reason).toMatch(/^secrets:/m);
    const report = await getDeliveryReport(contextFor(runtime, security), verificationId);
    // Incremental: only the commits since the last accepted delivery were scanned.
    expect(report.previousAcceptedCommit).toBe(cleanCommit);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: "secrets", file: "config/aws.ini", line: 2, commit: planted }),
    );
    await expect(approvePayment(contextFor(runtime, finance), milestoneId)).rejects.toMatchObject({
      code: "gate_blocked",
    });
    const og3 = await control("OG-3");
    expect(og3?.status).toBe("fail");
    expect(og3?.reasons.join(" ")).toMatch(/config\/aws\.ini:2/);

    const client = new TestClient(createApp(runtime));
    await client.login(security.email, TEST_PASSWORD);
    const res = await client.request("GET", `/api/custody/verifications/${verificationId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ verdict: "rejected", ref: "v1.1.0" });
  });

  it("waits for a sync another worker holds on the mirror, then fetches the delivered tag and verifies it", async () => {
    const pushed = vendor.commit({ "src/feature.ts": "export const f = 1;\n" }, { message: "feature" });
    vendor.run(["tag", "v1.2.0"]);
    const { verificationId } = await deliver("Release 2.1", "v1.2.0");
    // Another sync holds the mirror (it fetched before the vendor pushed v1.2.0).
    const release = acquireMirrorLock(mirrorDirFor(runtime, repositoryId), new Date());
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        release();
        resolve();
      }, 1_000),
    );
    const outcome = await runVerification(runtime, verificationId);
    await released;
    const report = await getDeliveryReport(contextFor(runtime, security), verificationId);
    expect(report.status).not.toBe("error");
    expect(report.commit).toBe(pushed);
    // The planted key is still in the history since the last accepted delivery.
    expect(outcome).toBe("rejected");
  });

  it("refuses a delivery ref with path tricks", async () => {
    const milestone = await createMilestone(contextFor(runtime, security), engagementId, {
      title: "Release 3",
      amount: 1,
      currency: "USD",
    });
    await expectRefusal(
      recordCodeDelivery(contextFor(runtime, security), milestone.id, {
        repositoryId,
        ref: "--output=/tmp/x",
      }),
      "invalid_input",
      /Ref name refused/,
    );
  });

  it("turns OG-1 stale once the last successful sync is older than the freshness limit", async () => {
    await syncRepository(runtime, repositoryId, "schedule");
    const fresh = await control("OG-1");
    expect(fresh?.status).toBe("pass");
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const stale = await control("OG-1");
    expect(stale?.status).toBe("fail");
    expect(stale?.reasons.join(" ")).toMatch(
      /app: last successful sync 25 h ago, beyond the 24 h freshness limit/,
    );
  });

  it("keeps TM-4 failing until the final delivery is synced and accepted, and the allowlist lets a known key through", async () => {
    await runtime.db
      .updateTable("engagements")
      .set({ stage: "termination" })
      .where("id", "=", engagementId)
      .execute();
    const before = await control("TM-4");
    expect(before?.status).toBe("fail");
    expect(before?.reasons.join(" ")).toMatch(/No final delivery recorded/);

    vendor.run(["rm", "-q", "config/aws.ini"]);
    vendor.commit({ "docs/handover.md": "# Handover\n" }, { message: "final" });
    vendor.run(["tag", "v2.0.0"]);
    const milestone = await createMilestone(contextFor(runtime, security), engagementId, {
      title: "Hand-over",
      amount: 5_000,
      currency: "USD",
      isFinal: true,
    });
    const { verificationId } = await recordCodeDelivery(contextFor(runtime, security), milestone.id, {
      repositoryId,
      ref: "v2.0.0",
    });
    const pending = await control("TM-4");
    expect(pending?.status).toBe("fail");
    expect(pending?.reasons.join(" ")).toMatch(/still running|no successful sync since the final delivery/);
    // The history since the last accepted delivery still holds the planted key: rejected.
    expect(await runVerification(runtime, verificationId)).toBe("rejected");
    const rejected = await control("TM-4");
    expect(rejected?.status).toBe("fail");
    expect(rejected?.reasons.join(" ")).toMatch(/Hand-over: the final verification is rejected/);

    // Security confirms the planted key was revoked: its fingerprint goes on the allowlist.
    const planted = (await getDeliveryReport(contextFor(runtime, security), verificationId)).findings.find(
      (f) => f.check === "secrets",
    );
    expect(planted?.fingerprint).toBeTruthy();
    await updateEngagementCustodySettings(contextFor(runtime, security), engagementId, {
      secretAllowlist: { fingerprints: [planted?.fingerprint] },
    });
    const again = await recordCodeDelivery(contextFor(runtime, security), milestone.id, {
      repositoryId,
      ref: "v2.0.0",
    });
    await runVerification(runtime, again.verificationId);
    const final = await getDeliveryReport(contextFor(runtime, security), again.verificationId);
    expect(final.reasons).toEqual([]);
    expect(final.verdict).toBe("accepted");
    const incomplete = await control("TM-4");
    expect(incomplete?.status).toBe("fail");
    expect(incomplete?.reasons).toEqual(["history: no successful sync since the final delivery."]);
    const others = await runtime.db
      .selectFrom("custody_repositories")
      .select("id")
      .where("engagement_id", "=", engagementId)
      .where("id", "!=", repositoryId)
      .execute();
    for (const other of others) await syncRepository(runtime, other.id, "manual");
    const held = await control("TM-4");
    expect(held).toMatchObject({
      status: "pass",
      reasons: [expect.stringMatching(/Final sync and verification/)],
    });
  });
});

describe("warden repo", () => {
  it("adds, syncs and reports repositories from the command line", async () => {
    const made = await createTestConfig();
    const setup = await openRuntime(made.config, { log: pino({ level: "silent" }) });
    const { engagementId: id } = await makeEngagement(setup);
    await updateCustodySettings(systemContext(setup), { allowFileUrls: true });
    await setup.close();
    const vendor = TestRepository.create(join(work.dir, "vendor-cli"));
    vendor.commit({ "README.md": "# cli\n" });
    try {
      const added = await runCli(["repo", "add", id, vendor.url, "--name", "cli", "--json"], made.env);
      expect(added.code).toBe(0);
      const repo = JSON.parse(added.stdout) as { id: string; name: string };
      expect(repo.name).toBe("cli");

      const synced = await runCli(["repo", "sync", "--all", "--json"], made.env);
      expect(synced.code).toBe(0);
      expect(JSON.parse(synced.stdout)).toEqual([
        expect.objectContaining({ repositoryId: repo.id, status: "succeeded" }),
      ]);

      const status = await runCli(["repo", "status", "--json"], made.env);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toEqual([
        expect.objectContaining({
          id: repo.id,
          fresh: true,
          openAlerts: 0,
          lastSync: expect.objectContaining({ refCount: 1 }),
        }),
      ]);

      // `warden verify` takes the registered repository's id: synced, then verified from our mirror.
      vendor.commit({ "src/app.js": "console.log('ok');\n" });
      const verified = await runCli(["verify", repo.id, "HEAD", "--json"], made.env);
      const report = JSON.parse(verified.stdout) as {
        verdict: string;
        mirror: { url: string; refCount: number };
      };
      expect(report.mirror.url).toBe(`registered repository ${repo.id}`);
      expect(report.verdict).toBe("accepted");
      expect(verified.code).toBe(0);
    } finally {
      await made.dispose();
    }
  }, 180_000);
});
