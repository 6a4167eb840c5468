import { Client } from "ldapts";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWardenError } from "../../src/domain/errors.ts";
import type { DisableAccountItem } from "../../src/engines/access/index.ts";
import { reconcileAccessJob } from "../../src/jobs/reconcile-access-job.ts";
import { createApp } from "../../src/server/app.ts";
import {
  importCsvSnapshot,
  listConnectors,
  removeConnector,
  saveLdapConnector,
} from "../../src/services/access/access-connectors.ts";
import { importAccessLog } from "../../src/services/access/access-logs.ts";
import { getAccessOverview } from "../../src/services/access/access-overview.ts";
import { completeOffboardingItem, offboard } from "../../src/services/access/offboarding.ts";
import { reconcileAccessNow } from "../../src/services/access/reconcile-access-now.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { advanceStage } from "../../src/services/engagements/advance-stage.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { addGrant } from "../../src/services/records/grants.ts";
import { addPerson, setEngagementMember } from "../../src/services/roster/save-person.ts";
import type { BlobStore } from "../../src/store/blob-store.ts";
import { makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { runCli } from "../support/run-cli.ts";
import { vendorDirectorySeed } from "../support/slapd/vendor-directory.ts";
import { type Slapd, startSlapd } from "../support/slapd.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const NDA = "2025-01-01";

function ldapSettings(ldap: Slapd, extra: Record<string, unknown> = {}) {
  return {
    system: "ldap",
    url: ldap.url,
    bindDn: ldap.bindDn,
    bindPassword: ldap.password,
    baseDn: ldap.baseDn,
    accountFilter: "(employeeType=vendor)",
    groupBaseDn: ldap.groupsDn,
    disable: { method: "move-ou", disabledOu: ldap.disabledDn },
    timeoutMs: 3000,
    ...extra,
  };
}

interface Person {
  name: string;
  account: string;
  groups: string[];
  nda?: boolean;
  end?: string;
}

/** Puts people on the engagement's roster, each with a recorded grant for their LDAP account. */
async function rosterWithGrants(
  ctx: ServiceContext,
  vendorId: string,
  engagementId: string,
  people: Person[],
) {
  const ids: Record<string, string> = {};
  for (const p of people) {
    const person = await addPerson(ctx, vendorId, {
      fullName: p.name,
      startDate: "2024-06-01",
      endDate: p.end ?? null,
      ndaSignedOn: p.nda === false ? null : NDA,
    });
    await setEngagementMember(ctx, engagementId, person.id, true);
    await addGrant(ctx, engagementId, {
      personId: person.id,
      system: "ldap",
      account: p.account,
      scope: p.groups,
      reason: "Works on the platform build",
      grantedOn: "2025-02-01",
    });
    ids[p.account] = person.id;
  }
  return ids;
}

async function inStage(runtime: TestRuntime, engagementId: string, stage: "ongoing" | "termination") {
  await runtime.db.updateTable("engagements").set({ stage }).where("id", "=", engagementId).execute();
}

async function control(runtime: TestRuntime, engagementId: string, id: string) {
  const [evaluation] = await evaluateEngagements(runtime.db, [engagementId], runtime.now());
  return evaluation!.results.find((r) => r.id === id)!;
}

async function entryDn(ldap: Slapd, uid: string): Promise<string | null> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(ldap.bindDn, ldap.password);
    const { searchEntries } = await client.search(ldap.baseDn, {
      filter: `(uid=${uid})`,
      attributes: ["uid"],
    });
    return searchEntries[0]?.dn ?? null;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe("access against a real slapd: reconciliation, leavers, secrets", () => {
  let runtime: TestRuntime;
  let ldap: Slapd;
  let ctx: ServiceContext;
  let vendorId: string;
  let engagementId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    [runtime, ldap] = await Promise.all([createTestRuntime(), startSlapd({ seed: vendorDirectorySeed() })]);
    ctx = systemContext(runtime);
    ({ vendorId, engagementId } = await makeEngagement(runtime));
    ids = await rosterWithGrants(ctx, vendorId, engagementId, [
      { name: "Alice Able", account: "alice", groups: ["dev"] },
      { name: "Bob No-NDA", account: "bob", groups: ["dev", "ops"], nda: false },
      { name: "Carol Leaver", account: "carol", groups: ["dev"], end: "2025-10-31" },
      { name: "Dave Dev", account: "dave", groups: ["dev", "ops"] },
    ]);
    await inStage(runtime, engagementId, "ongoing");
  });
  afterAll(async () => {
    await Promise.all([runtime?.close(), ldap?.stop()]);
  });

  it("reports OG-8 as not checked before any reconciliation", async () => {
    expect((await control(runtime, engagementId, "OG-8")).status).toBe("not_checked");
  });

  it("finds the orphan account and the access without NDA, and fails OG-8 with them", async () => {
    await saveLdapConnector(ctx, ldapSettings(ldap));
    const run = await reconcileAccessNow(ctx);
    expect(run.status).toBe("succeeded");
    const orphan = run.findings.find((f) => f.kind === "orphan-account" && f.account === "mallory");
    expect(orphan?.personId).toBeNull();
    expect(orphan?.evidence.entry).toMatchObject({ account: "mallory", enabled: true });
    expect(run.findings).toContainEqual(
      expect.objectContaining({ kind: "access-without-nda", account: "bob", personId: ids.bob }),
    );
    expect(run.findings).toContainEqual(
      expect.objectContaining({ kind: "leaver-enabled", account: "carol", personId: ids.carol }),
    );
    expect(run.findings.some((f) => f.personId === ids.alice)).toBe(false);
    // The internal employee is not a vendor account: never an orphan.
    expect(run.findings.some((f) => f.account === "trent")).toBe(false);

    const og8 = await control(runtime, engagementId, "OG-8");
    expect(og8.status).toBe("fail");
    expect(og8.reasons.join("\n")).toMatch(/mallory .*belongs to no one/);
    expect(og8.reasons.join("\n")).toMatch(/Bob No-NDA .*without an NDA/);

    const overview = await getAccessOverview(ctx);
    const alice = overview.matrix.find((row) => row.personId === ids.alice);
    expect(alice?.cells.ldap).toEqual([{ account: "alice", state: "enabled", groups: ["dev"] }]);
    expect(overview.latestSuccessfulRun?.findings.length).toBe(run.findings.length);
  });

  it("a dry run of a leaver's offboarding changes nothing in the directory and stores nothing", async () => {
    const before = await ldap.dump();
    const result = await offboard(ctx, ids.carol, { dryRun: true });
    expect(result.dryRun).toBe(true);
    const planned = result.results.find((r) => r.outcome === "skipped");
    expect(planned).toMatchObject({ plan: { account: "carol", method: "move-ou" } });
    expect(planned?.outcome === "skipped" && planned.plan.changes).toEqual([
      expect.objectContaining({ op: "move", toDn: expect.stringContaining("ou=disabled") }),
    ]);
    expect(result.runbook.items.every((item) => item.state !== "done")).toBe(true);
    expect(await ldap.dump()).toBe(before);
    expect(await runtime.db.selectFrom("access_runbooks").selectAll().execute()).toEqual([]);
    const evidence = await runtime.db.selectFrom("evidence").select("controls").execute();
    expect(evidence.filter((e) => e.controls.includes("TM-2"))).toEqual([]);
  });

  it("offboarding a leaver disables the account, proves it by read-back and stores that as TM-2 evidence", async () => {
    const result = await offboard(ctx, ids.carol);
    expect(result.status).toBe("manual-open");
    const item = result.runbook.items.find((one) => one.kind === "disable-account");
    expect(item).toMatchObject({ account: "carol", state: "done" });
    expect(item?.kind === "disable-account" && item.evidence?.readBack.enabled).toBe(false);
    expect(await entryDn(ldap, "carol")).toMatch(/^uid=carol,ou=disabled,/);

    const evidenceId = result.runbook.evidenceIds[item!.id]!;
    const evidence = await runtime.db
      .selectFrom("evidence")
      .selectAll()
      .where("id", "=", evidenceId)
      .executeTakeFirstOrThrow();
    expect(evidence.controls).toEqual(["TM-2"]);
    const chunks: Buffer[] = [];
    for await (const chunk of runtime.blobs.get(evidence.blob_sha256!)) chunks.push(chunk as Buffer);
    const stored = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(stored.evidence.readBack).toMatchObject({ account: "carol", enabled: false });
    expect(stored.evidence.readBack.dn).toMatch(/ou=disabled/);

    // Manual items stay open until someone records them; the certificate needs its file.
    const certificate = result.runbook.items.find(
      (one) => one.kind === "manual" && one.action === "media-destruction-certificate",
    )!;
    await expect(completeOffboardingItem(ctx, result.runbook.id, certificate.id, {})).rejects.toThrow(
      /needs its proof/,
    );

    const again = await reconcileAccessNow(ctx);
    expect(again.findings.some((f) => f.account === "carol" && f.kind === "leaver-enabled")).toBe(false);
  });

  it("bad connector credentials give a clear error and a failed run; earlier findings are kept", async () => {
    const lastGood = await reconcileAccessNow(ctx);
    await saveLdapConnector(ctx, ldapSettings(ldap, { bindPassword: "not-the-password" }));
    const failed = await reconcileAccessNow(ctx);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/ldap.*invalid credentials.*Check the connector's bind DN and password/);
    expect(failed.findings).toEqual([]);
    const kept = await runtime.db
      .selectFrom("access_findings")
      .select("id")
      .where("run_id", "=", lastGood.id)
      .execute();
    expect(kept.length).toBe(lastGood.findings.length);
    expect((await control(runtime, engagementId, "OG-8")).status).toBe("fail");
    const overview = await getAccessOverview(ctx);
    expect(overview.lastRun).toMatchObject({ id: failed.id, status: "failed" });
    expect(overview.latestSuccessfulRun?.id).toBe(lastGood.id);
    // The scheduled job stores the same failed run rather than crashing.
    await reconcileAccessJob.run(runtime, {});
    await saveLdapConnector(ctx, ldapSettings(ldap));
  });

  it("never returns the bind password through the API nor stores it in clear", async () => {
    const security = await makeUser(runtime, "security");
    const client = new TestClient(createApp(runtime));
    expect((await client.login(security.email, TEST_PASSWORD)).status).toBe(200);
    const saved = await client.request(
      "POST",
      "/api/access/connectors/ldap",
      ldapSettings(ldap, { system: "ldap2" }),
    );
    expect(saved.status).toBe(200);
    const bodies = [
      await saved.text(),
      await (await client.request("GET", "/api/access/connectors")).text(),
      await (await client.request("GET", "/api/access")).text(),
      await (await client.request("POST", "/api/access/reconcile")).text(),
    ];
    for (const body of bodies) expect(body).not.toContain(ldap.password);
    expect(JSON.parse(bodies[1]!)).toContainEqual(
      expect.objectContaining({ system: "ldap2", hasPassword: true }),
    );

    // Updating without the password keeps the sealed one.
    const kept = await client.request("POST", "/api/access/connectors/ldap", {
      ...ldapSettings(ldap, { system: "ldap2" }),
      bindPassword: undefined,
    });
    expect(kept.status).toBe(200);

    const tables = [
      "access_connectors",
      "access_reconciliation_runs",
      "access_findings",
      "audit_log",
    ] as const;
    for (const table of tables) {
      const rows = await runtime.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(ldap.password);
    }
    const sealed = await runtime.db
      .selectFrom("access_connectors")
      .select("secret_sealed")
      .where("system", "=", "ldap2")
      .executeTakeFirstOrThrow();
    expect(runtime.secrets.open(sealed.secret_sealed!)).toBe(ldap.password);

    const auditor = await makeUser(runtime, "auditor");
    const reader = new TestClient(createApp(runtime));
    await reader.login(auditor.email, TEST_PASSWORD);
    expect((await reader.request("GET", "/api/access/connectors")).status).toBe(403);
    const ldap2 = (await listConnectors(ctx)).find((c) => c.system === "ldap2")!;
    await removeConnector(ctx, ldap2.id);
  });

  it("stores a CSV snapshot for a system without a connector and reconciles it as read-only", async () => {
    const view = await importCsvSnapshot(ctx, {
      system: "jira",
      csv: "account,enabled,groups\nalice,yes,dev\nghost,yes,admins\nbroken,maybe,\n",
    });
    expect(view.csv).toMatchObject({
      accounts: 2,
      errors: [{ line: 4, message: expect.stringMatching(/enabled/) }],
    });
    const run = await reconcileAccessNow(ctx);
    expect(run.findings).toContainEqual(
      expect.objectContaining({ system: "jira", account: "ghost", kind: "orphan-account" }),
    );
    await removeConnector(ctx, view.id);
  });

  it("imports an access log, reporting malformed lines and flagging foreign networks and unknown accounts", async () => {
    await runtime.db
      .updateTable("engagements")
      .set({ approved_networks: JSON.stringify(["10.20.0.0/16"]) })
      .where("id", "=", engagementId)
      .execute();
    const text = [
      "time,account,source_ip,system",
      "2026-11-01T09:00:00Z,alice,10.20.1.5,vpn",
      "2026-11-01T09:05:00Z,alice,203.0.113.9,vpn",
      "not a time,alice,10.20.1.5,vpn",
      "2026-11-01T09:10:00Z,zed,10.20.1.6,vpn",
      "2026-11-01T09:11:00Z,alice,999.1.1.1,vpn",
    ].join("\n");
    const result = await importAccessLog(ctx, engagementId, { text, format: "csv" });
    expect(result.entries).toBe(3);
    expect(result.errors.map((e) => e.line)).toEqual([4, 6]);
    expect(result.flags.map((f) => [f.kind, f.line])).toEqual([
      ["outside-approved-ranges", 3],
      ["unknown-account", 5],
    ]);
  });
});

describe("an engagement's offboarding when the directory goes down half-way", () => {
  let runtime: TestRuntime;
  let ldap: Slapd;
  let ctx: ServiceContext;
  let vendorId: string;
  let engagementId: string;

  beforeAll(async () => {
    [runtime, ldap] = await Promise.all([createTestRuntime(), startSlapd({ seed: vendorDirectorySeed() })]);
    ctx = systemContext(runtime);
    ({ vendorId, engagementId } = await makeEngagement(runtime));
    await rosterWithGrants(ctx, vendorId, engagementId, [
      { name: "Erin", account: "erin", groups: ["dev"] },
      { name: "Frank", account: "frank", groups: ["ops"] },
      { name: "Grace", account: "grace", groups: ["dev"] },
    ]);
    await saveLdapConnector(ctx, ldapSettings(ldap));
    await inStage(runtime, engagementId, "termination");
  });
  afterAll(async () => {
    await Promise.all([runtime?.close(), ldap?.stop()]);
  });

  it("stops at the outage, marks nothing done falsely, and resumes to completion; the engagement cannot close while an item is open", async () => {
    // The directory goes down right after the first account's evidence is stored.
    let stopped = false;
    const blobs = Object.create(runtime.blobs) as BlobStore;
    blobs.put = async (...args: Parameters<BlobStore["put"]>) => {
      const stored = await runtime.blobs.put(...args);
      if (!stopped) {
        stopped = true;
        await ldap.pause();
      }
      return stored;
    };
    const first = await offboard({ ...ctx, runtime: { ...runtime, blobs } }, engagementId);
    expect(first.status).toBe("incomplete");
    const disables = first.runbook.items.filter((item) => item.kind === "disable-account");
    expect(disables.map((item) => item.state)).toEqual(["done", "failed", "pending"]);
    const [done, failed] = disables as DisableAccountItem[];
    expect(failed!.lastError?.code).toBe("unavailable");

    const stored = await runtime.db.selectFrom("access_runbooks").selectAll().executeTakeFirstOrThrow();
    expect(stored.status).toBe("open");
    expect(Object.keys(stored.evidence_ids)).toEqual([disables[0]!.id]);

    const tm2 = await control(runtime, engagementId, "TM-2");
    expect(tm2.status).toBe("fail");
    expect(tm2.reasons).toContainEqual(
      expect.stringContaining(
        `Disable ${failed!.account} on ldap — last attempt failed: Cannot reach LDAP server`,
      ),
    );
    const blocked = await advanceStage(ctx, engagementId).catch((error: unknown) => error);
    expect(isWardenError(blocked) && blocked.code).toBe("gate_blocked");
    expect(String((blocked as Error).message)).toMatch(/TM-2/);

    await ldap.resume();
    expect(await entryDn(ldap, done!.account)).toMatch(/ou=disabled/);
    for (const item of disables.slice(1) as DisableAccountItem[]) {
      expect(await entryDn(ldap, item.account)).toMatch(/ou=people/);
    }

    const second = await offboard(ctx, engagementId);
    expect(second.status).toBe("manual-open");
    expect(second.results.filter((r) => r.outcome === "already-done").length).toBe(1);
    for (const uid of ["erin", "frank", "grace"]) expect(await entryDn(ldap, uid)).toMatch(/ou=disabled/);
    const evidence = await runtime.db
      .selectFrom("evidence")
      .select("controls")
      .where("engagement_id", "=", engagementId)
      .execute();
    expect(evidence.filter((e) => e.controls.includes("TM-2")).length).toBe(3);

    // Manual items: the certificate with its file, the rest recorded.
    const runbookId = second.runbook.id!;
    for (const item of second.runbook.items) {
      if (item.kind !== "manual") continue;
      const file =
        item.action === "media-destruction-certificate"
          ? {
              bytes: Buffer.from("Certificate of destruction"),
              filename: "certificate.pdf",
              mediaType: "application/pdf",
            }
          : null;
      expect((await control(runtime, engagementId, "TM-2")).status).toBe("fail");
      await completeOffboardingItem(ctx, runbookId, item.id, { note: "done" }, file);
    }
    const closed = await control(runtime, engagementId, "TM-2");
    expect(closed.status).toBe("pass");
    expect(closed.records.filter((r) => r.type === "evidence").length).toBe(3);
    expect((await control(runtime, engagementId, "TM-3")).status).toBe("pass");
    const [evaluation] = await evaluateEngagements(runtime.db, [engagementId], runtime.now());
    expect(evaluation!.gate.blockers.map((b) => b.id)).not.toContain("TM-2");
  });
});

describe("warden access reconcile and warden offboard", () => {
  it("exits 1 with the findings, and shows a leaver's offboarding as a dry run without touching the directory", async () => {
    const [made, ldap] = await Promise.all([createTestConfig(), startSlapd({ seed: vendorDirectorySeed() })]);
    try {
      const runtime = await openRuntime(made.config, { log: pino({ level: "silent" }) });
      const ctx = systemContext(runtime);
      const { vendorId, engagementId } = await makeEngagement(runtime);
      const ids = await rosterWithGrants(ctx, vendorId, engagementId, [
        { name: "Heidi Leaver", account: "heidi", groups: ["dev"], end: "2025-10-31" },
      ]);
      await saveLdapConnector(ctx, ldapSettings(ldap));
      await runtime.close();

      const reconcile = await runCli(["access", "reconcile", "--json"], made.env);
      expect(reconcile.code).toBe(1);
      const run = JSON.parse(reconcile.stdout) as {
        status: string;
        findings: { kind: string; account: string }[];
      };
      expect(run.status).toBe("succeeded");
      expect(run.findings).toContainEqual(
        expect.objectContaining({ kind: "leaver-enabled", account: "heidi" }),
      );
      expect(run.findings).toContainEqual(
        expect.objectContaining({ kind: "orphan-account", account: "mallory" }),
      );

      const before = await ldap.dump();
      const dry = await runCli(["offboard", ids.heidi!, "--dry-run"], made.env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/DRY RUN \(nothing changed\)/);
      expect(dry.stdout).toMatch(/skipped +disable heidi on ldap \(move-ou\) would make 1 change/);
      expect(await ldap.dump()).toBe(before);
    } finally {
      await Promise.all([made.dispose(), ldap.stop()]);
    }
  }, 120_000);
});
