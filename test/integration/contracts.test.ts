import JSZip from "jszip";
import { PDFDocument, rgb } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptedPdf } from "../../src/engines/contracts/fixtures/raw-pdf.ts";
import { renderDocx, renderText } from "../../src/engines/contracts/fixtures/render-contract.ts";
import {
  type SampleContract,
  usMasterServicesAgreement,
} from "../../src/engines/contracts/fixtures/sample-contracts.ts";
import { isEnforceableSeat } from "../../src/engines/jurisdiction/index.ts";
import { analyzeContractJob } from "../../src/jobs/analyze-contract-job.ts";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { refreshEvaluationsJob } from "../../src/jobs/refresh-evaluations-job.ts";
import { stageGate } from "../../src/playbook/evaluate-engagement.ts";
import type { PlaybookSettings } from "../../src/playbook/types.ts";
import { createApp } from "../../src/server/app.ts";
import { analyseStoredContract } from "../../src/services/contracts/analyse-stored-contract.ts";
import { getContract } from "../../src/services/contracts/get-contract.ts";
import { uploadContract } from "../../src/services/contracts/upload-contract.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { updateOrgSettings } from "../../src/services/playbook/playbook-settings.ts";
import { makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The sample US MSA, optionally without its flow-down paragraph (4.2) and with other edits. */
function msa(options: { flowDown: boolean; edit?: (p: string) => string }): SampleContract {
  return {
    ...usMasterServicesAgreement,
    sections: usMasterServicesAgreement.sections.map((s) => ({
      ...s,
      paragraphs: s.paragraphs
        .filter((p) => options.flowDown || !p.startsWith("4.2"))
        .map((p) => options.edit?.(p) ?? p),
    })),
  };
}

const FLOW_DOWN_SOW: SampleContract = {
  name: "sow-flow-down",
  title: "STATEMENT OF WORK No. 1",
  preamble: [
    "This Statement of Work is issued under the Master Services Agreement between Client and Vendor.",
  ],
  sections: [
    {
      heading: "1. PERSONNEL",
      paragraphs: [
        "1.1 Personnel and Subcontractors. Vendor shall ensure that each of its employees and subcontractors who has access to Confidential Information or who performs Services is bound by written confidentiality and invention assignment agreements no less protective of Client than this Agreement, and Vendor shall be responsible for any breach by them.",
      ],
    },
  ],
  present: ["flow-down"],
};

/** Makes a ZIP's central directory claim 3.75 GiB per entry, as a ZIP bomb does. */
function declareHugeSizes(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xf0000000, true);
  }
}

type Json = Record<string, unknown>;
interface Check {
  control: string;
  status: string;
  engineStatus: string;
  reason: string;
  review: Json | null;
}
interface Detail {
  id: string;
  status: string;
  failureReason: string | null;
  text: string | null;
  clauses: { type: string; start: number; end: number; text: string; section: string | null }[];
  checks: Check[];
  missingClauseTypes: { type: string; control: string }[];
}
interface ControlResult {
  id: string;
  status: string;
  reasons: string[];
  records: { type: string; id: string }[];
}

describe("contracts in the product", () => {
  let runtime: TestRuntime;
  let queue: JobQueue;
  let legal: TestClient;
  let admin: TestClient;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    // A real worker runs the analysis jobs that the uploads enqueue.
    queue = await JobQueue.start(runtime, {
      work: true,
      jobs: [analyzeContractJob, refreshEvaluationsJob],
      pollingIntervalSeconds: 0.5,
    });
    app = createApp(runtime);
    const legalUser = await makeUser(runtime, "legal");
    const adminUser = await makeUser(runtime, "admin");
    legal = new TestClient(app);
    admin = new TestClient(app);
    expect((await legal.login(legalUser.email, TEST_PASSWORD)).status).toBe(200);
    expect((await admin.login(adminUser.email, TEST_PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await queue?.stop();
    await runtime?.close();
  });

  async function upload(
    client: TestClient,
    meta: Json,
    file: { bytes: Uint8Array; name: string; type: string },
  ): Promise<Response> {
    const form = new FormData();
    form.set("meta", JSON.stringify(meta));
    form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
    return app.request("/api/contracts/upload", {
      method: "POST",
      body: form,
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
  }

  async function uploadText(engagementId: string, kind: string, contract: SampleContract): Promise<string> {
    const res = await upload(
      legal,
      { engagementId, kind, title: contract.title },
      {
        bytes: new TextEncoder().encode(renderText(contract)),
        name: `${contract.name}.txt`,
        type: "text/plain",
      },
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string };
    expect(body.status).toBe("queued");
    return body.id;
  }

  async function settled(id: string): Promise<Detail> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const detail = (await (await legal.request("GET", `/api/contracts/${id}`)).json()) as Detail;
      if (detail.status === "analysed" || detail.status === "failed") return detail;
      if (Date.now() > deadline) throw new Error(`contract ${id} still ${detail.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function controls(engagementId: string): Promise<Map<string, ControlResult>> {
    const res = await legal.request("GET", `/api/engagements/${engagementId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { evaluation: { results: ControlResult[] } };
    return new Map(body.evaluation.results.map((r) => [r.id, r]));
  }

  it("analyses an uploaded MSA in a job and feeds CT-1..CT-10 to the engagement, naming the contract and clause", async () => {
    const { engagementId } = await makeEngagement(runtime, { country: "IN" });
    const before = await controls(engagementId);
    expect(before.get("CT-4")?.status).toBe("not_checked");

    const id = await uploadText(engagementId, "msa", msa({ flowDown: false }));
    const detail = await settled(id);
    expect(detail.status).toBe("analysed");
    for (const clause of detail.clauses)
      expect(detail.text?.slice(clause.start, clause.end)).toBe(clause.text);
    expect(detail.clauses.map((c) => c.type)).toEqual(
      expect.arrayContaining(["ip-assignment", "governing-law"]),
    );
    expect(detail.clauses.map((c) => c.type)).not.toContain("flow-down");
    expect(detail.missingClauseTypes).toContainEqual({ type: "flow-down", control: "CT-4" });
    expect(detail.checks.find((c) => c.control === "CT-4")).toMatchObject({ status: "fail", review: null });

    const results = await controls(engagementId);
    expect(results.get("CT-4")).toMatchObject({ status: "fail" });
    expect(results.get("CT-4")?.reasons[0]).toMatch(/^MSA "MASTER SERVICES AGREEMENT": No clause binds/);
    expect(results.get("CT-4")?.records).toContainEqual(expect.objectContaining({ type: "contract", id }));
    expect(results.get("CT-1")?.status).toBe("pass");
    expect(results.get("CT-1")?.reasons[0]).toMatch(/clause §3\.1 Work Product/);
    for (const control of ["CT-2", "CT-3", "CT-5", "CT-6", "CT-7", "CT-8", "CT-9", "CT-10"]) {
      expect({ control, status: results.get(control)?.status }).toEqual({ control, status: "pass" });
    }
    // Escrow is no custody: OG-1 stays the custody engine's.
    expect(results.get("OG-1")?.status).toBe(before.get("OG-1")?.status);

    const list = (await (
      await legal.request("GET", `/api/engagements/${engagementId}/contracts`)
    ).json()) as {
      items: { id: string; checkCounts: Json }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ id, checkCounts: { pass: 10, warn: 0, fail: 1, needs_review: 0 } }),
    ]);
    const file = await legal.request("GET", `/api/contracts/${id}/file`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(renderText(msa({ flowDown: false })));
  });

  it("gives CT-5 “needs review”, never a pass, when the liability cap cannot be read, until legal decides", async () => {
    const unreadableCap = (p: string) =>
      p.startsWith("8.2")
        ? "8.2 Limitation. Except as provided in Section 8.3, each party's total aggregate liability arising out of or relating to this Agreement shall not exceed the Liability Cap Amount stated in the Order Form."
        : p;
    const { engagementId } = await makeEngagement(runtime, { country: "IN" });
    const id = await uploadText(engagementId, "msa", msa({ flowDown: true, edit: unreadableCap }));
    const detail = await settled(id);
    expect(detail.status).toBe("analysed");
    const check = detail.checks.find((c) => c.control === "CT-5");
    expect(check).toMatchObject({ status: "needs_review", engineStatus: "needs_review", review: null });
    expect(check?.reason).toMatch(/could not be read.*Liability Cap Amount stated in the Order Form/);

    const ct5 = (await controls(engagementId)).get("CT-5");
    expect(ct5?.status).toBe("needs_review");
    expect(ct5?.status).not.toBe("pass");
    // An unread cap holds the contract gate like a check that never ran.
    const [evaluation] = await evaluateEngagements(runtime.db, [engagementId], runtime.now());
    expect(stageGate(evaluation!.results, "contract").blockers.map((b) => b.id)).toContain("CT-5");
    expect(ct5?.reasons[0]).toMatch(
      /^MSA "MASTER SERVICES AGREEMENT": Needs review: the liability cap could not be read/,
    );
    const list = (await (
      await legal.request("GET", `/api/engagements/${engagementId}/contracts`)
    ).json()) as { items: { id: string; checkCounts: Json }[] };
    expect(list.items[0]?.checkCounts).toMatchObject({ needs_review: 1, pass: 10 });

    // Nothing to confirm: legal reads the clause and decides.
    const confirm = await legal.request("POST", `/api/contracts/${id}/reviews`, {
      target: "check",
      control: "CT-5",
      decision: "confirm",
      comment: "Looks fine",
    });
    expect(confirm.status).toBe(400);
    const decided = await legal.request("POST", `/api/contracts/${id}/reviews`, {
      target: "check",
      control: "CT-5",
      decision: "override",
      status: "warn",
      comment: "The Order Form caps liability at USD 400,000, below our minimum",
    });
    expect(decided.status).toBe(201);
    expect((await controls(engagementId)).get("CT-5")?.status).toBe("warn");
  });

  it("lets a clause in another contract cure a missing one, but legal's failing decision on a contract stands", async () => {
    const { engagementId } = await makeEngagement(runtime, { country: "IN" });
    const msaId = await uploadText(engagementId, "msa", msa({ flowDown: false }));
    const sowId = await uploadText(engagementId, "sow", FLOW_DOWN_SOW);
    await settled(msaId);
    await settled(sowId);
    const cured = (await controls(engagementId)).get("CT-4");
    expect(cured?.status).toBe("pass");
    expect(cured?.reasons[0]).toMatch(/^SOW "STATEMENT OF WORK No\. 1"/);
    expect(cured?.reasons.join("\n")).toMatch(/MSA "MASTER SERVICES AGREEMENT": No clause binds/);
    // CT-1 is failed by the SOW alone, but the MSA assigns the IP: the engagement passes.
    expect((await controls(engagementId)).get("CT-1")?.status).toBe("pass");

    const res = await legal.request("POST", `/api/contracts/${sowId}/reviews`, {
      target: "check",
      control: "CT-4",
      decision: "override",
      status: "fail",
      comment: "Clause 1.1 binds only staff on site, not the offshore team",
    });
    expect(res.status).toBe(201);
    const overruled = (await controls(engagementId)).get("CT-4");
    expect(overruled?.status).toBe("fail");
    expect(overruled?.reasons[0]).toMatch(/Overridden \(fail\) by .*binds only staff on site/);
  });

  it("keeps legal's override, audit-logged, through a re-analysis", async () => {
    const { engagementId } = await makeEngagement(runtime, { country: "IN" });
    const id = await uploadText(engagementId, "msa", msa({ flowDown: false }));
    const first = await settled(id);
    const clause = first.clauses.find((c) => c.type === "governing-law")!;

    const bad = await legal.request("POST", `/api/contracts/${id}/reviews`, {
      target: "check",
      control: "CT-4",
      decision: "override",
      comment: "ok",
    });
    expect(bad.status).toBe(400);
    for (const body of [
      {
        target: "check",
        control: "CT-4",
        decision: "override",
        status: "pass",
        comment: "Schedule 3 (signed separately) binds every employee and subcontractor",
      },
      {
        target: "clause",
        clauseType: "governing-law",
        start: clause.start,
        end: clause.end,
        decision: "confirm",
        comment: "Delaware law is what we want",
      },
    ]) {
      expect((await legal.request("POST", `/api/contracts/${id}/reviews`, body)).status).toBe(201);
    }
    expect((await controls(engagementId)).get("CT-4")?.status).toBe("pass");

    const again = await legal.request("POST", `/api/contracts/${id}/reanalyse`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe("queued");
    const second = await settled(id);
    expect(second.status).toBe("analysed");
    expect(second.checks.find((c) => c.control === "CT-4")).toMatchObject({
      status: "pass",
      engineStatus: "fail",
      review: expect.objectContaining({ decision: "override", comment: expect.stringMatching(/Schedule 3/) }),
    });
    expect(second.clauses.find((c) => c.type === "governing-law")).toMatchObject({
      review: expect.objectContaining({ decision: "confirm" }),
    });
    const ct4 = (await controls(engagementId)).get("CT-4");
    expect(ct4?.status).toBe("pass");
    expect(ct4?.reasons[0]).toMatch(/Schedule 3/);

    const audit = await runtime.db
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("target_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "contract.upload",
      "contract.analyse",
      "contract.review.override",
      "contract.review.confirm",
      "contract.reanalyse",
      "contract.analyse",
    ]);
    expect(audit[2]?.summary).toMatchObject({ control: "CT-4", status: "pass" });
  });

  it("judges the checks again when legal rejects or confirms a clause, and the playbook follows, through a re-analysis", async () => {
    const { engagementId } = await makeEngagement(runtime, { country: "IN" });
    const id = await uploadText(engagementId, "msa", msa({ flowDown: true }));
    const first = await settled(id);
    expect(first.checks.find((c) => c.control === "CT-6")?.status).toBe("pass");
    expect((await controls(engagementId)).get("CT-6")?.status).toBe("pass");
    const audit = first.clauses.find((c) => c.type === "audit-rights")!;
    const review = (decision: string, comment: string) =>
      legal.request("POST", `/api/contracts/${id}/reviews`, {
        target: "clause",
        clauseType: "audit-rights",
        start: audit.start,
        end: audit.end,
        decision,
        comment,
      });

    expect((await review("reject", "6.1 was struck out in the signed copy")).status).toBe(201);
    const rejected = (await (await legal.request("GET", `/api/contracts/${id}`)).json()) as Detail;
    expect(rejected.checks.find((c) => c.control === "CT-6")).toMatchObject({
      status: "fail",
      engineStatus: "fail",
    });
    // Only the control that depended on the clause moves.
    for (const c of first.checks.filter((c) => c.control !== "CT-6"))
      expect(rejected.checks.find((r) => r.control === c.control)?.status).toBe(c.status);
    const ct6 = (await controls(engagementId)).get("CT-6");
    expect(ct6?.status).toBe("fail");
    expect(ct6?.reasons[0]).toMatch(/audit/i);

    expect((await legal.request("POST", `/api/contracts/${id}/reanalyse`)).status).toBe(200);
    const second = await settled(id);
    expect(second.checks.find((c) => c.control === "CT-6")?.status).toBe("fail");
    expect((await controls(engagementId)).get("CT-6")?.status).toBe("fail");

    expect((await review("confirm", "The audit clause stands after all")).status).toBe(201);
    expect((await controls(engagementId)).get("CT-6")?.status).toBe("pass");

    const log = await runtime.db
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("target_id", "=", id)
      .where("action", "like", "contract.review.%")
      .orderBy("seq")
      .execute();
    expect(
      log.map((a) => [a.action, (a.summary as { checks: Record<string, string> }).checks["CT-6"]]),
    ).toEqual([
      ["contract.review.reject", "fail"],
      ["contract.review.confirm", "pass"],
    ]);
  });

  it("ends a corrupt, encrypted, scanned or bomb file as failed with the engine's message and stores nothing of it", async () => {
    const { engagementId } = await makeEngagement(runtime);
    const scan = await PDFDocument.create();
    scan
      .addPage([612, 792])
      .drawRectangle({ x: 50, y: 50, width: 500, height: 700, color: rgb(0.9, 0.9, 0.9) });
    const bomb = new JSZip();
    bomb.file("[Content_Types].xml", "<Types/>");
    bomb.file("word/document.xml", `<w:document><w:body>${"<w:p/>".repeat(100_000)}</w:body></w:document>`);
    const bombBytes = await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    declareHugeSizes(bombBytes);
    const cases = [
      {
        name: "corrupt.pdf",
        type: "application/pdf",
        bytes: new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(5000)}\n%%EOF`),
        message: /PDF/,
      },
      {
        name: "locked.pdf",
        type: "application/pdf",
        bytes: encryptedPdf(),
        message: /encrypted with a password/,
      },
      {
        name: "scan.pdf",
        type: "application/pdf",
        bytes: await scan.save(),
        message: /no usable text layer.*OCR/,
      },
      {
        name: "bomb.docx",
        type: DOCX,
        bytes: bombBytes,
        message: /ZIP bomb/,
      },
    ];
    for (const c of cases) {
      const res = await upload(legal, { engagementId, kind: "msa", title: c.name }, c);
      expect(res.status).toBe(201);
      const detail = await settled(((await res.json()) as { id: string }).id);
      expect({ name: c.name, status: detail.status }).toEqual({ name: c.name, status: "failed" });
      expect(detail.failureReason).toMatch(c.message);
      expect(detail).toMatchObject({ text: null, clauses: [], checks: [], missingClauseTypes: [] });
    }
    const stored = await runtime.db
      .selectFrom("contract_clauses")
      .innerJoin("contracts", "contracts.id", "contract_clauses.contract_id")
      .select("contract_clauses.type")
      .where("contracts.engagement_id", "=", engagementId)
      .execute();
    expect(stored).toEqual([]);
    // Nothing analysed: the contract controls stay "not checked yet".
    expect((await controls(engagementId)).get("CT-1")?.status).toBe("not_checked");
  });

  it("refuses files that are not PDF, DOCX or text, and uploads by roles without the right", async () => {
    const { engagementId } = await makeEngagement(runtime);
    const exe = await upload(
      legal,
      { engagementId, kind: "msa", title: "Installer" },
      { bytes: new Uint8Array([0x4d, 0x5a, 0, 0]), name: "setup.exe", type: "application/x-msdownload" },
    );
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { detail: string }).detail).toMatch(
      /PDF with a text layer, a DOCX or a plain-text/,
    );
    const badKind = await upload(
      legal,
      { engagementId, kind: "lease", title: "Lease" },
      { bytes: new TextEncoder().encode("text"), name: "lease.txt", type: "text/plain" },
    );
    expect(badKind.status).toBe(400);
    const finance = new TestClient(app);
    const financeUser = await makeUser(runtime, "finance");
    await finance.login(financeUser.email, TEST_PASSWORD);
    const refused = await upload(
      finance,
      { engagementId, kind: "msa", title: "MSA" },
      { bytes: new TextEncoder().encode("text"), name: "msa.txt", type: "text/plain" },
    );
    expect(refused.status).toBe(403);
    const count = await runtime.db
      .selectFrom("contracts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("engagement_id", "=", engagementId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("keeps contracts from vendor users: their own engagement's contracts are refused too", async () => {
    const mine = await makeEngagement(runtime);
    const id = await uploadText(mine.engagementId, "msa", msa({ flowDown: true }));
    await settled(id);
    const vendorUser = await makeUser(runtime, "vendor", { vendorId: mine.vendorId });
    const vendor = new TestClient(app);
    expect((await vendor.login(vendorUser.email, TEST_PASSWORD)).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", "/api/contracts", undefined],
      ["GET", `/api/contracts/${id}`, undefined],
      ["GET", `/api/contracts/${id}/file`, undefined],
      ["GET", `/api/engagements/${mine.engagementId}/contracts`, undefined],
      ["POST", `/api/contracts/${id}/reanalyse`, undefined],
      [
        "POST",
        `/api/contracts/${id}/reviews`,
        { target: "check", control: "CT-4", decision: "confirm", comment: "fine by us" },
      ],
      ["GET", "/api/settings/contract-policy", undefined],
    ] as const) {
      const res = await vendor.request(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const upload403 = await upload(
      vendor,
      { engagementId: mine.engagementId, kind: "msa", title: "Ours" },
      { bytes: new TextEncoder().encode("text"), name: "msa.txt", type: "text/plain" },
    );
    expect(upload403.status).toBe(403);
  });

  it("checks an arbitration seat against the vendor's country with the jurisdiction engine", async () => {
    const arbitration = (p: string) =>
      p.startsWith("12.4")
        ? "12.4 Arbitration. Any dispute arising out of or relating to this Agreement shall be finally resolved by arbitration administered by the International Chamber of Commerce under its Rules of Arbitration. The seat of arbitration shall be Singapore."
        : p;
    const verdicts: Record<string, string> = {};
    for (const country of ["IN", "TW"]) {
      const { engagementId } = await makeEngagement(runtime, { country });
      const id = await uploadText(engagementId, "msa", msa({ flowDown: true, edit: arbitration }));
      const detail = await settled(id);
      const ct8 = detail.checks.find((c) => c.control === "CT-8")!;
      verdicts[country] = isEnforceableSeat("SG", country).verdict;
      expect(ct8.reason).toMatch(/rbitration (is )?seated in Singapore/);
      expect({ country, status: ct8.status }).toEqual({
        country,
        status: verdicts[country] === "enforceable" ? "pass" : "fail",
      });
    }
    // The two vendor countries must exercise both outcomes, or the test shows nothing.
    expect(new Set(Object.values(verdicts)).size).toBe(2);
  });

  it("judges with the organisation's policy and home country, and only admins change the policy", async () => {
    expect(
      (await legal.request("PATCH", "/api/settings/contract-policy", { maxAuditNoticeDays: 10 })).status,
    ).toBe(403);
    const typo = await admin.request("PATCH", "/api/settings/contract-policy", { maxAuditNoticeDayz: 10 });
    expect(typo.status).toBe(400);
    expect(
      (await admin.request("PATCH", "/api/settings/contract-policy", { homeCountry: "GB" })).status,
    ).toBe(400);
    const patched = await admin.request("PATCH", "/api/settings/contract-policy", { maxAuditNoticeDays: 10 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ maxAuditNoticeDays: 10, homeCountry: "US" });
    await updateOrgSettings(systemContext(runtime), {
      homeCountry: "GB",
    } satisfies Partial<PlaybookSettings> & {
      homeCountry: string;
    });
    expect(await (await legal.request("GET", "/api/settings/contract-policy")).json()).toMatchObject({
      homeCountry: "GB",
      maxAuditNoticeDays: 10,
    });

    // Without a queue: the service enqueues nothing, and the job's function runs directly.
    const { engagementId } = await makeEngagement(runtime);
    const ctx = systemContext(runtime);
    const enqueue = runtime.enqueue;
    runtime.enqueue = undefined;
    try {
      const contract = await uploadContract(
        ctx,
        { engagementId, kind: "msa", title: "MSA (DOCX)" },
        { bytes: await renderDocx(msa({ flowDown: true })), filename: "msa.docx", mediaType: DOCX },
      );
      expect(await analyseStoredContract(runtime, contract.id, 1)).toBe("analysed");
      expect(await analyseStoredContract(runtime, contract.id, 1)).toBe("analysed");
      expect(await analyseStoredContract(runtime, contract.id, 2)).toBe("skipped");
      const detail = await getContract(ctx, contract.id);
      expect(detail.format).toBe("docx");
      const status = (control: string) => detail.checks.find((c) => c.control === control);
      expect(status("CT-6")?.status).not.toBe("pass"); // 15 days' notice > 10
      expect(status("CT-6")?.reason).toMatch(/15 days/);
      expect(status("CT-8")).toMatchObject({ status: "fail" }); // New York courts are abroad for a GB company
      expect(status("CT-4")?.status).toBe("pass");
    } finally {
      runtime.enqueue = enqueue;
    }
  });
});
