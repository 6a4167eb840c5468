import { existsSync, readFileSync, renameSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRefs } from "../../src/engines/custody/list-refs.ts";
import { ALICE, git, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import type { Runtime } from "../../src/services/context.ts";
import { addRepository, mirrorDirFor } from "../../src/services/custody/custody-repositories.ts";
import {
  updateCustodySettings,
  updateEngagementCustodySettings,
} from "../../src/services/custody/custody-settings.ts";
import { getDeliveryReport } from "../../src/services/custody/delivery-report.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { runVerification } from "../../src/services/custody/run-verification.ts";
import { syncRepository } from "../../src/services/custody/sync-repository.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { type S3TestServer, startS3Server } from "../support/s3-server.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

let s3: S3TestServer;
let machineA: TestRuntime;
let work: ReturnType<typeof scratch>;
let vendor: TestRepository;
let engagementId: string;
let repositoryId: string;
let security: PublicUser;
const otherDataDirs: string[] = [];

/** Another machine: the same database and object storage, a data folder of its own. */
async function otherMachine(): Promise<Runtime> {
  const dataDir = await mkdtemp(join(tmpdir(), "warden-machine-"));
  otherDataDirs.push(dataDir);
  return { ...machineA, config: { ...machineA.config, dataDir } };
}

async function deliver(runtime: Runtime, title: string, ref: string): Promise<string> {
  const milestone = await createMilestone(contextFor(runtime, security), engagementId, {
    title,
    amount: 5_000,
    currency: "USD",
  });
  const delivery = await recordCodeDelivery(contextFor(runtime, security), milestone.id, {
    repositoryId,
    ref,
  });
  return delivery.verificationId;
}

/**
 * Runs a verification on `worker` while the vendor's server is out of its reach (it has only the
 * shared object storage), expecting `outcome`; answers the stored report.
 */
async function verifyWithVendorAway(worker: Runtime, verificationId: string, outcome: string) {
  renameSync(vendor.dir, `${vendor.dir}.away`);
  try {
    expect(await runVerification(worker, verificationId)).toBe(outcome);
  } finally {
    renameSync(`${vendor.dir}.away`, vendor.dir);
  }
  return getDeliveryReport(contextFor(machineA, security), verificationId);
}

beforeAll(async () => {
  s3 = await startS3Server();
  // The SDK reads the credentials where an operator sets them: the environment.
  Object.assign(process.env, s3.env);
  machineA = await createTestRuntime({ env: { WARDEN_BLOB_URL: s3.url() } });
  machineA.enqueue = async () => {};
  work = scratch("warden-shared-mirror-");
  const made = await makeEngagement(machineA);
  engagementId = made.engagementId;
  const admin = await makeUser(machineA, "admin");
  security = await makeUser(machineA, "security");
  await addPerson(systemContext(machineA), made.vendorId, {
    fullName: ALICE.name,
    email: ALICE.email,
    startDate: "2026-01-01",
  });
  await updateCustodySettings(contextFor(machineA, admin), { allowFileUrls: true });
  await updateEngagementCustodySettings(contextFor(machineA, security), engagementId, {
    commands: ["test -f README.md"],
  });
  vendor = TestRepository.create(join(work.dir, "vendor-app"));
  vendor.commit({ "README.md": "# app\n" }, { message: "first" });
  const repo = await addRepository(contextFor(machineA, security), {
    engagementId,
    url: vendor.url,
    name: "app",
  });
  repositoryId = repo.id;
}, 120_000);

afterAll(async () => {
  await machineA?.close();
  for (const dir of otherDataDirs) await rm(dir, { recursive: true, force: true });
  work?.remove();
  await s3?.stop();
});

describe("a mirror shared between machines through object storage", () => {
  it("keeps each sync's bundle, incremental, with the refs the mirror holds, preserved ones included", async () => {
    expect((await syncRepository(machineA, repositoryId, "manual")).status).toBe("succeeded");
    const before = vendor.commit({ "src/a.ts": "export const a = 1;\n" }, { message: "second" });
    await syncRepository(machineA, repositoryId, "manual");
    git(vendor.dir, ["reset", "-q", "--hard", "HEAD~1"]);
    vendor.commit({ "README.md": "# app, rewritten\n" }, { message: "rewritten" });
    vendor.run(["tag", "v1.0.0"]);
    const third = await syncRepository(machineA, repositoryId, "manual");
    expect(third.alerts).toBe(1);

    const syncs = await machineA.db
      .selectFrom("custody_syncs")
      .select(["bundle_key", "bundle_refs"])
      .where("repository_id", "=", repositoryId)
      .orderBy("finished_at")
      .execute();
    expect(syncs).toHaveLength(3);
    expect(syncs.every((s) => s.bundle_key?.startsWith(`mirrors/${repositoryId}/`))).toBe(true);
    const last = syncs[2]?.bundle_refs ?? {};
    expect(Object.values(last)).toContain(before);
    expect(Object.keys(last).some((ref) => ref.startsWith("refs/warden/preserved/"))).toBe(true);
    // Incremental: the first bundle stands alone, each later one names what it needs from before.
    const headers = await Promise.all(
      syncs.map(async (s) => {
        const file = join(work.dir, `${Math.random()}.bundle`);
        await machineA.objects?.download(s.bundle_key ?? "", file);
        return readFileSync(file).subarray(0, 400).toString("latin1");
      }),
    );
    expect(headers[0]).not.toMatch(/\n-[0-9a-f]{40}/);
    expect(headers[1]).toMatch(/\n-[0-9a-f]{40}/);
    expect(headers[2]).toMatch(/\n-[0-9a-f]{40}/);
    // A sync that changes nothing leaves no new bundle and no new record.
    expect((await syncRepository(machineA, repositoryId, "schedule")).status).toBe("succeeded");
    const recorded = await machineA.db
      .selectFrom("custody_syncs")
      .select("id")
      .where("repository_id", "=", repositoryId)
      .where("bundle_refs", "is not", null)
      .execute();
    expect(recorded).toHaveLength(3);
  });

  it("verifies a delivery on a machine that never had the mirror, from the bundles, when the vendor is out of its reach", async () => {
    const worker = await otherMachine();
    const verificationId = await deliver(machineA, "Release 1", "v1.0.0");
    expect(existsSync(mirrorDirFor(worker, repositoryId))).toBe(false);
    const report = await verifyWithVendorAway(worker, verificationId, "accepted");
    expect(report.commit).toBe(vendor.run(["rev-parse", "v1.0.0^{commit}"]).trim());
    // The worker's copy holds what machine A preserved, not only what the vendor still has.
    const refs = await listRefs(mirrorDirFor(worker, repositoryId));
    expect([...refs.warden.keys()].some((ref) => ref.startsWith("refs/warden/preserved/"))).toBe(true);
  });

  it("fails, never accepts, a delivery whose commit no machine has synced while the vendor is out of reach", async () => {
    const worker = await otherMachine();
    vendor.commit({ "src/late.ts": "export const late = 1;\n" }, { message: "late" });
    vendor.run(["tag", "v2.0.0"]);
    const verificationId = await deliver(machineA, "Release 2", "v2.0.0");
    const report = await verifyWithVendorAway(worker, verificationId, "error");
    expect(report.verdict).not.toBe("accepted");
    expect(report.reasons.join(" ")).toMatch(/v2\.0\.0/);
  });

  it("refuses to verify from a copy it cannot bring up to date (a bundle missing from the store)", async () => {
    const latest = await machineA.db
      .selectFrom("custody_syncs")
      .select("bundle_key")
      .where("repository_id", "=", repositoryId)
      .where("bundle_key", "is not", null)
      .orderBy("finished_at", "desc")
      .executeTakeFirstOrThrow();
    await machineA.db
      .updateTable("custody_syncs")
      .set({ bundle_key: `${latest.bundle_key}.gone` })
      .where("bundle_key", "=", latest.bundle_key)
      .execute();
    const worker = await otherMachine();
    const verificationId = await deliver(machineA, "Release 1 again", "v1.0.0");
    const report = await verifyWithVendorAway(worker, verificationId, "error");
    expect(report.reasons.join(" ")).toMatch(/missing from s3:\/\//);
  });
});
