import { existsSync, renameSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ALICE, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { addRepository } from "../../src/services/custody/custody-repositories.ts";
import {
  updateCustodySettings,
  updateEngagementCustodySettings,
} from "../../src/services/custody/custody-settings.ts";
import { syncRepository } from "../../src/services/custody/sync-repository.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import { contextFor, makeEngagement, makeUser, systemContext } from "../support/fixtures.ts";
import { type S3TestServer, startS3Server } from "../support/s3-server.ts";
import { createTestConfig, TEST_DATABASE_URL } from "../support/test-runtime.ts";
import { startWardenProcess, startWardenWorker, type WardenProcess } from "../support/warden-process.ts";

describe.runIf(TEST_DATABASE_URL)(
  "several Warden processes on several machines, sharing PostgreSQL and object storage (needs WARDEN_TEST_DATABASE_URL)",
  () => {
    const stops: Array<() => Promise<void>> = [];
    let s3: S3TestServer;
    let shared: Record<string, string>;
    let serverA: WardenProcess;
    let serverB: WardenProcess;
    let adminToken: string;
    let securityToken: string;
    let engagementId: string;
    let milestoneId: string;
    let repositoryId: string;
    let vendor: TestRepository;

    async function dataDir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), "warden-machine-"));
      stops.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    }

    beforeAll(async () => {
      s3 = await startS3Server();
      stops.push(() => s3.stop());
      Object.assign(process.env, s3.env);
      const { env, dispose } = await createTestConfig();
      stops.push(dispose);
      // What every machine is given alike: the database, the object storage, the secret key.
      shared = {
        DATABASE_URL: env.DATABASE_URL ?? "",
        WARDEN_SECRET_KEY: env.WARDEN_SECRET_KEY ?? "",
        WARDEN_BLOB_URL: s3.url(),
        ...s3.env,
      };
      // An operator's CLI on a machine of its own: records, and the first sync of the vendor's repository.
      const work = scratch("warden-machines-");
      stops.push(async () => work.remove());
      const cli = await openRuntime(loadConfig({ ...shared, WARDEN_DATA_DIR: await dataDir() }), {
        log: pino({ level: "silent" }),
      });
      try {
        const made = await makeEngagement(cli);
        engagementId = made.engagementId;
        const admin = await makeUser(cli, "admin");
        const security = await makeUser(cli, "security");
        adminToken = (await createApiToken(contextFor(cli, admin), { name: "machines" })).token;
        securityToken = (await createApiToken(contextFor(cli, security), { name: "machines" })).token;
        await addPerson(systemContext(cli), made.vendorId, {
          fullName: ALICE.name,
          email: ALICE.email,
          startDate: "2026-01-01",
        });
        await updateCustodySettings(contextFor(cli, admin), { allowFileUrls: true });
        await updateEngagementCustodySettings(contextFor(cli, security), engagementId, {
          commands: ["test -f README.md"],
        });
        vendor = TestRepository.create(join(work.dir, "vendor-app"));
        vendor.commit({ "README.md": "# app\n" }, { message: "release 1" });
        vendor.run(["tag", "v1.0.0"]);
        repositoryId = (await addRepository(contextFor(cli, security), { engagementId, url: vendor.url })).id;
        expect((await syncRepository(cli, repositoryId, "manual")).status).toBe("succeeded");
        milestoneId = (
          await createMilestone(contextFor(cli, security), engagementId, {
            title: "Release 1",
            amount: 20_000,
            currency: "USD",
          })
        ).id;
      } finally {
        await cli.close();
      }
      [serverA, serverB] = await Promise.all([
        startWardenProcess({ ...shared, WARDEN_WORKER: "off", WARDEN_DATA_DIR: await dataDir() }),
        startWardenProcess({ ...shared, WARDEN_WORKER: "off", WARDEN_DATA_DIR: await dataDir() }),
      ]);
      stops.push(
        () => serverA.stop(),
        () => serverB.stop(),
      );
    }, 240_000);

    afterAll(async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    });

    it("serves through one machine the evidence uploaded through the other", async () => {
      const body = new FormData();
      body.set("meta", JSON.stringify({ title: "NDA signed", engagementId, controls: ["KO-4"] }));
      const bytes = `signed NDA ${"x".repeat(200_000)}`;
      body.set("file", new File([bytes], "nda.txt", { type: "text/plain" }));
      const uploaded = await fetch(`${serverA.url}/api/evidence/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}` },
        body,
      });
      expect(uploaded.status, serverA.output()).toBe(201);
      const { id } = (await uploaded.json()) as { id: string };
      const downloaded = await fetch(`${serverB.url}/api/evidence/${id}/file`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(downloaded.status, serverB.output()).toBe(200);
      expect(await downloaded.text()).toBe(bytes);
    }, 60_000);

    it("verifies a delivery recorded through one server on a worker that never had the mirror", async () => {
      const recorded = await fetch(`${serverA.url}/api/milestones/${milestoneId}/code-delivery`, {
        method: "POST",
        headers: { authorization: `Bearer ${securityToken}`, "content-type": "application/json" },
        body: JSON.stringify({ repositoryId, ref: "v1.0.0" }),
      });
      expect(recorded.status, serverA.output()).toBe(201);
      const { verificationId } = (await recorded.json()) as { verificationId: string };
      // The vendor is out of the worker's reach: only the shared object storage can give it the mirror.
      renameSync(vendor.dir, `${vendor.dir}.away`);
      stops.push(async () => renameSync(`${vendor.dir}.away`, vendor.dir));
      const workerDir = await dataDir();
      const worker = await startWardenWorker({ ...shared, WARDEN_DATA_DIR: workerDir });
      stops.push(() => worker.stop());
      let report: { status?: string; verdict?: string; reasons?: string[] } = {};
      await expect
        .poll(
          async () => {
            const res = await fetch(`${serverB.url}/api/custody/verifications/${verificationId}`, {
              headers: { authorization: `Bearer ${securityToken}` },
            });
            report = (await res.json()) as typeof report;
            return report.status;
          },
          { timeout: 120_000, interval: 500 },
        )
        .not.toMatch(/^(queued|running)$/);
      expect(report, worker.output()).toMatchObject({ status: "accepted", reasons: [] });
      expect(existsSync(join(workerDir, "mirrors", `${repositoryId}.git`))).toBe(true);
    }, 180_000);
  },
);
