import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocx } from "../../src/engines/contracts/fixtures/render-contract.ts";
import { usMasterServicesAgreement } from "../../src/engines/contracts/fixtures/sample-contracts.ts";
import { readPdfReport } from "../../src/engines/reports/read-pdf-report.test-support.ts";
import { shippedCatalog } from "../../src/playbook/load-catalog.ts";
import { createApp } from "../../src/server/app.ts";
import { verifyAuditLog } from "../../src/services/audit/verify-audit-log.ts";
import { analyseStoredContract } from "../../src/services/contracts/analyse-stored-contract.ts";
import { uploadContract } from "../../src/services/contracts/upload-contract.ts";
import { attestControl } from "../../src/services/engagements/attest-control.ts";
import { recordControlException } from "../../src/services/engagements/control-exceptions.ts";
import { openLeakCase } from "../../src/services/leaks/open-leak-case.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const VENDOR_NAME = "ООО «Северный Код» 北京软件";

describe("PDF reports", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let ids: { vendorId: string; engagementId: string };
  let contractId: string;
  let verificationId: string;
  let leakCaseId: string;
  const clients: Record<"auditor" | "vendor" | "security", TestClient> = {} as never;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = createApp(runtime);
    const ctx = systemContext(runtime);
    ids = await makeEngagement(runtime, { name: VENDOR_NAME });
    await attestControl(ctx, ids.engagementId, {
      controlId: "DD-3",
      statement: "Visited the Pune office on 3 March; screens locked, client rooms separate.",
    });
    await recordControlException(ctx, ids.engagementId, {
      controlId: "DD-7",
      reason: "Certificate of insurance arrives with the signed MSA",
      expiresOn: "2099-01-31",
    });
    const contract = await uploadContract(
      ctx,
      { engagementId: ids.engagementId, kind: "msa", title: "Master Services Agreement 2026" },
      { bytes: await renderDocx(usMasterServicesAgreement), filename: "msa.docx", mediaType: DOCX },
    );
    expect(await analyseStoredContract(runtime, contract.id, 1)).toBe("analysed");
    contractId = contract.id;
    const milestone = await createMilestone(ctx, ids.engagementId, {
      title: "Payments API v1",
      amount: 25000,
      currency: "USD",
    });
    // A verification as the verify-delivery job stores it once it has run in the sandbox.
    const repo = await runtime.db
      .insertInto("custody_repositories")
      .values({
        engagement_id: ids.engagementId,
        name: "payments-api",
        url: "https://git.example.com/vendor/payments-api.git",
        transport: "https",
        username: null,
        credentials_sealed: null,
        created_by: "system",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const verification = await runtime.db
      .insertInto("custody_verifications")
      .values({
        milestone_id: milestone.id,
        engagement_id: ids.engagementId,
        repository_id: repo.id,
        ref: "refs/tags/v1.0.0",
        status: "rejected",
        commit_oid: "4f2a9c0d1e7b3a5f6c8d9e0a1b2c3d4e5f607182",
        reasons: JSON.stringify(["A secret was found in the delivery."]),
        checks: JSON.stringify([
          { id: "secrets", status: "fail", durationMs: 12, summary: "1 secret found", findings: [] },
        ]),
        findings: JSON.stringify([
          {
            check: "secrets",
            rule: "aws-access-key-id",
            severity: "error",
            message: "An AWS access key id",
            file: "config/prod.env",
            line: 3,
          },
        ]),
        findings_total: 1,
        requested_by: "security@example.com",
        finished_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    verificationId = verification.id;
    leakCaseId = (
      await openLeakCase(ctx, {
        title: "Paste on a code-sharing site",
        text: "function settle(batch) { return batch.map(pay); } // internal ledger code",
      })
    ).id;
    for (const role of ["auditor", "vendor", "security"] as const) {
      const user = await makeUser(runtime, role, role === "vendor" ? { vendorId: ids.vendorId } : {});
      clients[role] = new TestClient(app);
      expect((await clients[role].login(user.email, TEST_PASSWORD)).status).toBe(200);
    }
  }, 180_000);
  afterAll(async () => runtime?.close());

  it("gives an auditor the audit pack: every control, the chain head audit verify names, the vendor's own script", async () => {
    const before = await verifyAuditLog(runtime.db);
    expect(before.ok).toBe(true);
    const res = await clients.auditor.request("GET", `/api/engagements/${ids.engagementId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 4)).toString()).toBe("%PDF");
    const { text, pages } = await readPdfReport(pdf);
    const flat = text.replace(/ /g, "");
    for (const control of shippedCatalog())
      expect(text, control.id).toMatch(new RegExp(`\\b${control.id}\\b`));
    expect(flat).toContain(before.lastHash);
    expect(text).toContain(`Head seq ${before.checked}`);
    expect(text).toContain("ООО «Северный Код»");
    expect(text.includes("北京软件") || text.includes("[U+5317]")).toBe(true);
    // Attestation, exception, contract finding, delivery verdict, framework reference, page numbers.
    expect(text).toContain("Visited the Pune office on 3 March");
    expect(text).toContain("Certificate of insurance arrives with the signed MSA");
    expect(text).toContain("Master Services Agreement 2026");
    expect(text).toContain("Payments API v1");
    expect(text).toMatch(/rejected at 4f2a9c0d1e7b/);
    expect(text).toContain("A.5.19");
    expect(text).toContain("GV.SC-06");
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain("warden audit verify");

    // Its generation is the next entry: the PDF's sha256 and the head it names; the chain still verifies.
    const after = await verifyAuditLog(runtime.db);
    expect(after.ok).toBe(true);
    const entry = await runtime.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "report.engagement-audit-pack")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(entry.target_id).toBe(ids.engagementId);
    expect(entry.prev_hash).toBe(before.lastHash);
    expect(entry.summary).toMatchObject({
      sha256: createHash("sha256").update(pdf).digest("hex"),
      auditHead: { seq: before.checked, hash: before.lastHash },
    });
    expect(res.headers.get("x-report-sha256")).toBe(entry.summary.sha256);
  }, 120_000);

  it("refuses the audit pack to the vendor's own contact", async () => {
    const res = await clients.vendor.request("GET", `/api/engagements/${ids.engagementId}/report.pdf`);
    expect(res.status).toBe(403);
  });

  it("writes the contract review with its checks, the delivery verification and the leak case", async () => {
    const contract = await clients.security.request("GET", `/api/contracts/${contractId}/report.pdf`);
    expect(contract.status).toBe(200);
    const c = (await readPdfReport(new Uint8Array(await contract.arrayBuffer()))).text;
    expect(c).toContain("Contract review: Master Services Agreement 2026");
    expect(c).toContain("msa.docx");
    for (const control of ["CT-1", "CT-2", "CT-4"]) expect(c).toContain(control);
    expect(c).toContain(VENDOR_NAME.slice(0, 19));

    const delivery = await clients.auditor.request(
      "GET",
      `/api/custody/verifications/${verificationId}/report.pdf`,
    );
    expect(delivery.status).toBe(200);
    const d = (await readPdfReport(new Uint8Array(await delivery.arrayBuffer()))).text;
    expect(d).toContain("Delivery verification: Payments API v1");
    expect(d).toContain("4f2a9c0d1e7b3a5f6c8d9e0a1b2c3d4e5f607182");
    expect(d).toContain("rejected");
    expect(d).toContain("config/prod.env:3");
    expect(d).toContain("aws-access-key-id");

    const leak = await clients.security.request("GET", `/api/leaks/cases/${leakCaseId}/report.pdf`);
    expect(leak.status).toBe(200);
    const l = (await readPdfReport(new Uint8Array(await leak.arrayBuffer()))).text;
    expect(l).toContain("Leak case: Paste on a code-sharing site");
    expect(l).toContain("pasted text");
    expect(l).toMatch(/Verdict (none|source|recipient)/);

    const listed = await clients.security.request(
      "GET",
      `/api/contracts/export?engagementId=${ids.engagementId}`,
    );
    expect(await listed.text()).toMatch(/^Title,Kind,Vendor,.*\nMaster Services Agreement 2026,msa,/s);

    for (const path of [
      `/api/contracts/${contractId}/report.pdf`,
      `/api/custody/verifications/${verificationId}/report.pdf`,
      `/api/leaks/cases/${leakCaseId}/report.pdf`,
    ])
      expect((await clients.vendor.request("GET", path)).status, path).toBe(403);
    const logged = await runtime.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["report.contract-review", "report.delivery-verification", "report.leak-case"])
      .execute();
    expect(logged.map((e) => e.action).sort()).toEqual([
      "report.contract-review",
      "report.delivery-verification",
      "report.leak-case",
    ]);
  }, 120_000);
});

describe("warden report engagement", () => {
  it("writes the audit pack naming the head that `warden audit verify` reports", async () => {
    const made = await createTestConfig();
    try {
      const runtime = await openRuntime(made.config, { log: pino({ level: "silent" }) });
      const { engagementId } = await makeEngagement(runtime, { name: "Ромашка Софт" });
      await runtime.close();
      const verify = await runCli(["audit", "verify", "--json"], made.env);
      expect(verify.code).toBe(0);
      const head = JSON.parse(verify.stdout) as { checked: number; lastHash: string };
      const out = join(made.config.dataDir, "pack.pdf");
      const result = await runCli(["report", "engagement", engagementId, "--out", out], made.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const pdf = new Uint8Array(await readFile(out));
      expect(result.stdout).toContain(`sha256 ${createHash("sha256").update(pdf).digest("hex")}`);
      const { text } = await readPdfReport(pdf);
      expect(text.replace(/ /g, "")).toContain(head.lastHash);
      expect(text).toContain(`Head seq ${head.checked}`);
      expect(text).toContain("Ромашка Софт");
      for (const control of shippedCatalog()) expect(text).toMatch(new RegExp(`\\b${control.id}\\b`));
      expect((await runCli(["audit", "verify"], made.env)).code).toBe(0);
    } finally {
      await made.dispose();
    }
  }, 180_000);
});
