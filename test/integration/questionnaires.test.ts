import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { evaluateEngagements } from "../../src/services/playbook/evaluate-engagements.ts";
import { uploadEvidence } from "../../src/services/records/evidence.ts";
import { SITE_VISIT_CHECKLIST } from "../../src/services/site-visits/site-visit-checklist.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import {
  contextFor,
  makeEngagement,
  makeUser,
  smallQuestionnaireDefinition,
  TEST_PASSWORD,
} from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import {
  type Json,
  json,
  PDF,
  type QuestionnaireWorld,
  questionnaireWorld,
} from "../support/questionnaire-world.ts";
import type { TestRuntime } from "../support/test-runtime.ts";

const GOOD = { nda: "yes", workspace: "closedRoom", turnover: 10, incident: "no" };

describe("questionnaires", () => {
  let runtime: TestRuntime;
  let clock: QuestionnaireWorld["clock"];
  let app: QuestionnaireWorld["app"];
  let security: TestClient;
  let securityUser: PublicUser;
  let templateId: string;
  let a: QuestionnaireWorld["a"];
  let b: QuestionnaireWorld["b"];
  let link: QuestionnaireWorld["link"];
  let linkUpload: QuestionnaireWorld["linkUpload"];
  let sendLink: QuestionnaireWorld["sendLink"];

  beforeAll(async () => {
    ({ runtime, clock, app, security, securityUser, templateId, a, b, link, linkUpload, sendLink } =
      await questionnaireWorld());
  });
  afterAll(async () => runtime.close());

  async function answerAndSubmit(token: string, answers: Json = GOOD): Promise<void> {
    const file = await json(
      await linkUpload(token, "policyDoc", { bytes: PDF, name: "policy.pdf", type: "application/pdf" }),
    );
    expect(
      (await link(token, "PUT", "/answers", { answers: { ...answers, policyDoc: [file] } })).status,
    ).toBe(200);
    expect((await link(token, "POST", "/submit", {})).status).toBe(200);
  }

  async function dd2(engagementId: string): Promise<Json | undefined> {
    const res = await security.request("GET", `/api/engagements/${engagementId}`);
    expect(res.status).toBe(200);
    return ((await json(res)).evaluation.results as Json[]).find((r) => r.id === "DD-2");
  }

  describe("templates", () => {
    it("seeds the built-in IP-handling questionnaire on first use and exports it as JSON and XLSX that import again", async () => {
      const list = (await json(
        await security.request("GET", "/api/questionnaire-templates"),
      )) as unknown as Json[];
      const builtIn = list.find((t) => t.key === "ip-handling");
      expect(builtIn).toMatchObject({ builtIn: true });
      expect(builtIn?.questions).toBeGreaterThan(20);
      const again = (await json(
        await security.request("GET", "/api/questionnaire-templates"),
      )) as unknown as Json[];
      expect(again.filter((t) => t.key === "ip-handling")).toHaveLength(1);

      const exported = await security.request(
        "GET",
        `/api/questionnaire-templates/${builtIn?.id}/export?format=json`,
      );
      expect(exported.headers.get("content-type")).toContain("application/json");
      const definition = JSON.parse(await exported.text());
      expect(definition.id).toBe("ip-handling");
      const xlsx = await security.request(
        "GET",
        `/api/questionnaire-templates/${builtIn?.id}/export?format=xlsx`,
      );
      const bytes = new Uint8Array(await xlsx.arrayBuffer());
      // Re-importing the same version clashes; a renamed copy imports whole.
      const clash = await upload(bytes, "ip.xlsx");
      expect(clash.status).toBe(409);
      const copy = await upload(
        new TextEncoder().encode(JSON.stringify({ ...definition, version: "1.0-local" })),
        "ip.json",
      );
      expect(copy.status).toBe(201);
      expect((await json(copy)).questions).toBe(builtIn?.questions);
    });

    async function upload(bytes: Uint8Array, name: string): Promise<Response> {
      const form = new FormData();
      form.set("file", new File([Buffer.from(bytes)], name));
      return app.request("/api/questionnaire-templates/upload", {
        method: "POST",
        headers: { cookie: security.cookie, "x-csrf-token": security.csrfToken },
        body: form,
      });
    }

    async function templateCount(): Promise<number> {
      const row = await runtime.db
        .selectFrom("questionnaire_templates")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it("refuses a malformed JSON definition with every problem and its path, writing nothing", async () => {
      const before = await templateCount();
      const bad = smallQuestionnaireDefinition("bad") as Json;
      bad.sections[0].questions[1].expected = { oneOf: ["nowhere"] };
      bad.sections[1].questions[1].showIf = { question: "missing", equals: "yes" };
      bad.sections[1].questions[0].type = "essay";
      const res = await security.request("POST", "/api/questionnaire-templates", bad);
      expect(res.status).toBe(400);
      const paths = ((await json(res)).problems as Json[]).map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "sections[0].questions[1].expected.oneOf[0]",
          "sections[1].questions[1].showIf.question",
          "sections[1].questions[0].type",
        ]),
      );
      expect(await templateCount()).toBe(before);
    });

    it("refuses a malformed XLSX with every problem at its sheet, row and column, writing nothing", async () => {
      const before = await templateCount();
      const list = (await json(
        await security.request("GET", "/api/questionnaire-templates"),
      )) as unknown as Json[];
      const mine = list.find((t) => t.key === "vendor-basics");
      const res = await security.request(
        "GET",
        `/api/questionnaire-templates/${mine?.id}/export?format=xlsx`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await res.arrayBuffer()) as never);
      const sheet = workbook.getWorksheet("Questions");
      expect(sheet).toBeDefined();
      const columns = new Map<string, number>();
      sheet?.getRow(1).eachCell((cell, col) => columns.set(String(cell.value), col));
      const typeCol = columns.get("Type") as number;
      const weightCol = columns.get("Weight") as number;
      sheet!.getRow(2).getCell(typeCol).value = "essay";
      sheet!.getRow(3).getCell(weightCol).value = "heavy";
      const broken = new Uint8Array(await workbook.xlsx.writeBuffer());
      const refused = await upload(broken, "broken.xlsx");
      expect(refused.status).toBe(400);
      const places = ((await json(refused)).problems as Json[]).map((p) => p.place);
      expect(places.length).toBeGreaterThanOrEqual(2);
      expect(places.some((p) => String(p).endsWith("2"))).toBe(true);
      expect(places.some((p) => String(p).endsWith("3"))).toBe(true);
      expect(await templateCount()).toBe(before);
    });
  });

  describe("answering through a link", () => {
    it("reads, saves drafts validated by type, takes checked files and submits once", async () => {
      const { id, token } = await sendLink(a.engagementId);
      expect(
        await runtime.db
          .selectFrom("questionnaire_assignments")
          .select("link_token_sha256")
          .where("id", "=", id)
          .executeTakeFirstOrThrow(),
      ).not.toMatchObject({ link_token_sha256: token });
      const view = await json(await link(token, "GET"));
      expect(view.definition.id).toBe("vendor-basics");
      expect(view).not.toHaveProperty("grades");

      const wrong = await link(token, "PUT", "/answers", {
        answers: { nda: "maybe", turnover: "ten", workspace: "garden" },
      });
      expect(wrong.status).toBe(400);
      expect(((await json(wrong)).errors as Json[]).map((e) => e.question).sort()).toEqual([
        "nda",
        "turnover",
        "workspace",
      ]);

      expect((await link(token, "PUT", "/answers", { answers: { nda: "yes" } })).status).toBe(200);
      expect((await json(await link(token, "GET"))).answers).toEqual({ nda: "yes" });

      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00]);
      expect(
        (await linkUpload(token, "policyDoc", { bytes: exe, name: "policy.pdf", type: "application/pdf" }))
          .status,
      ).toBe(415);
      expect(
        (
          await linkUpload(token, "policyDoc", {
            bytes: exe,
            name: "tool.exe",
            type: "application/x-msdownload",
          })
        ).status,
      ).toBe(415);
      expect(
        (await linkUpload(token, "nda", { bytes: PDF, name: "policy.pdf", type: "application/pdf" })).status,
      ).toBe(400);
      const big = new Uint8Array(10 * 1024 * 1024 + 10);
      big.set(PDF);
      expect(
        (await linkUpload(token, "policyDoc", { bytes: big, name: "big.pdf", type: "application/pdf" }))
          .status,
      ).toBe(413);

      // A file answer must name an upload of this questionnaire.
      const forged = { name: "x.pdf", sha256: "a".repeat(64), size: 3, mediaType: "application/pdf" };
      expect((await link(token, "PUT", "/answers", { answers: { policyDoc: [forged] } })).status).toBe(400);

      const early = await link(token, "POST", "/submit", {});
      expect(early.status).toBe(400);
      const earlyProblem = await json(early);
      expect((earlyProblem.errors as Json[]).map((e) => e.question)).toEqual(
        expect.arrayContaining(["workspace", "turnover", "incident", "policyDoc"]),
      );
      // The message names each question as the vendor saw it, never by its internal id.
      expect(earlyProblem.detail).toContain(
        "“Attach your information-security policy.” — required: give an answer before submitting",
      );
      expect(earlyProblem.detail).not.toMatch(/\bpolicyDoc\b/);

      const uploaded = await linkUpload(token, "policyDoc", {
        bytes: PDF,
        name: "policy.pdf",
        type: "application/pdf",
      });
      expect(uploaded.status).toBe(201);
      const file = await json(uploaded);
      const evidence = await runtime.db
        .selectFrom("evidence")
        .selectAll()
        .where("blob_sha256", "=", file.sha256)
        .executeTakeFirstOrThrow();
      expect(evidence).toMatchObject({
        vendor_id: a.vendorId,
        engagement_id: a.engagementId,
        internal: false,
      });

      expect((await link(token, "PUT", "/answers", { answers: { ...GOOD, policyDoc: [file] } })).status).toBe(
        200,
      );
      expect((await link(token, "POST", "/submit", {})).status).toBe(200);

      for (const [method, path, body] of [
        ["GET", "", undefined],
        ["PUT", "/answers", { answers: GOOD }],
        ["POST", "/submit", {}],
      ] as const) {
        const res = await link(token, method, path, body);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        const problem = await json(res);
        expect(problem.reason).toBe("link_used");
        expect(problem.detail).toMatch(/submitted/);
      }
      expect(
        (await linkUpload(token, "policyDoc", { bytes: PDF, name: "policy.pdf", type: "application/pdf" }))
          .status,
      ).toBe(403);
    });

    it("refuses an expired link everywhere with a clear message", async () => {
      const { token } = await sendLink(a.engagementId, { validDays: 2 });
      expect((await link(token, "GET")).status).toBe(200);
      const saved = clock.now;
      clock.now = new Date(saved.getTime() + 3 * 86_400_000);
      try {
        for (const [method, path, body] of [
          ["GET", "", undefined],
          ["PUT", "/answers", { answers: { nda: "yes" } }],
          ["POST", "/submit", {}],
        ] as const) {
          const res = await link(token, method, path, body);
          expect(res.status).toBe(403);
          const problem = await json(res);
          expect(problem.reason).toBe("link_expired");
          expect(problem.detail).toMatch(/expired/);
        }
        expect(
          (await linkUpload(token, "policyDoc", { bytes: PDF, name: "p.pdf", type: "application/pdf" }))
            .status,
        ).toBe(403);
      } finally {
        clock.now = saved;
      }
    });

    it("answers 404 for a token that was never issued and 401 for the link on any other route", async () => {
      expect((await link("x".repeat(43), "GET")).status).toBe(404);
      expect((await link("", "GET")).status).toBe(404);
      const { id, token } = await sendLink(b.engagementId);
      for (const path of [
        `/api/questionnaires/${id}/answer`,
        `/api/questionnaires/${id}/review`,
        `/api/engagements/${b.engagementId}`,
        `/api/vendors/${b.vendorId}`,
      ]) {
        const res = await app.request(path, { headers: { "x-questionnaire-link": token } });
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });
  });

  describe("review and DD-2", () => {
    it("clarifies, grades, accepts and feeds DD-2 with the score and its reasons", async () => {
      const e = await makeEngagement(runtime, { name: "Vendor R" });
      expect(await dd2(e.engagementId)).toMatchObject({ status: "not_checked" });
      const { id, token } = await sendLink(e.engagementId);
      await answerAndSubmit(token, { ...GOOD, turnover: 45 });
      expect(await dd2(e.engagementId)).toMatchObject({ status: "not_checked" });

      const note = "Internal: their CTO hesitated on turnover";
      expect(
        (await security.request("POST", `/api/questionnaires/${id}/notes`, { question: "turnover", note }))
          .status,
      ).toBe(200);
      const clarified = await security.request("POST", `/api/questionnaires/${id}/clarifications`, {
        question: "turnover",
        request: "Is 45 % the figure for the team that would work for us?",
      });
      expect(clarified.status).toBe(200);
      const fresh = (await json(clarified)).link.token as string;
      expect((await link(token, "GET")).status).toBe(403);

      const seen = await json(await link(fresh, "GET"));
      expect(seen.clarifications).toHaveLength(1);
      expect(JSON.stringify(seen)).not.toContain("hesitated");
      const requestId = seen.clarifications[0].id;
      expect((await link(fresh, "POST", "/submit", {})).status).toBe(400);
      expect(
        (await link(fresh, "PUT", "/answers", { answers: { ...seen.answers, turnover: 20 } })).status,
      ).toBe(200);
      expect(
        (
          await link(fresh, "POST", "/submit", {
            clarificationResponses: { [requestId]: "No: 20 % for that team." },
          })
        ).status,
      ).toBe(200);

      const blocked = await security.request("POST", `/api/questionnaires/${id}/accept`, {});
      expect(blocked.status).toBe(409);
      expect((await json(blocked)).ungraded).toEqual(["policyDoc"]);
      expect(
        (await security.request("POST", `/api/questionnaires/${id}/grades`, { grades: { nowhere: 1 } }))
          .status,
      ).toBe(400);
      expect(
        (await security.request("POST", `/api/questionnaires/${id}/grades`, { grades: { policyDoc: 0.5 } }))
          .status,
      ).toBe(200);
      const accepted = await json(await security.request("POST", `/api/questionnaires/${id}/accept`, {}));
      expect(accepted.status).toBe("accepted");
      expect(accepted.validUntil).toBe("2027-03-02");
      expect(accepted.clarifications[0].response).toBe("No: 20 % for that team.");
      expect(accepted.notes[0].note).toBe(note);
      // 3 + 2 + 1 + 2 + 0.5 of 9 points.
      expect(accepted.score.score).toBeCloseTo((8.5 / 9) * 100, 1);

      const result = await dd2(e.engagementId);
      expect(result?.status).toBe("pass");
      expect(result?.reasons[0]).toContain(`score ${accepted.score.score.toFixed(1)}/100 (threshold 70)`);
      // Reasons name the question the vendor answered, not its id.
      expect(result?.reasons.join(" ")).toContain("“Attach your information-security policy.”");
      expect(result?.reasons.join(" ")).not.toContain("policyDoc");
      expect(result?.records).toContainEqual({ type: "questionnaire", id, label: "Vendor IP basics" });
    });

    it("warns below the threshold, fails on a knock-out answer and once the reassessment date has passed", async () => {
      const accept = async (answers: Json) => {
        const e = await makeEngagement(runtime);
        const { id, token } = await sendLink(e.engagementId);
        await answerAndSubmit(token, answers);
        await security.request("POST", `/api/questionnaires/${id}/grades`, { grades: { policyDoc: 1 } });
        expect(
          (await security.request("POST", `/api/questionnaires/${id}/accept`, { reassessDays: 30 })).status,
        ).toBe(200);
        return e.engagementId;
      };
      const low = await accept({ ...GOOD, workspace: "openFloor", turnover: 60 });
      const lowResult = await dd2(low);
      expect(lowResult?.status).toBe("warn");
      expect(lowResult?.reasons[0]).toContain("score 66.7/100");
      expect(lowResult?.reasons.some((r: string) => r.startsWith("“Where does the team sit?”:"))).toBe(true);

      const critical = await accept({ ...GOOD, nda: "no" });
      const criticalResult = await dd2(critical);
      expect(criticalResult?.status).toBe("fail");
      expect(
        criticalResult?.reasons.some((r: string) =>
          r.startsWith("Knock-out answer to “Does every person sign an NDA?”"),
        ),
      ).toBe(true);

      const good = await accept(GOOD);
      expect((await dd2(good))?.status).toBe("pass");
      // Evaluated directly: a month later the test's sessions would have lapsed too.
      const later = new Date(clock.now.getTime() + 31 * 86_400_000);
      const [evaluation] = await evaluateEngagements(runtime.db, [good], later);
      const expired = evaluation?.results.find((r) => r.id === "DD-2");
      expect(expired?.status).toBe("fail");
      expect(expired?.reasons[0]).toMatch(/expired on 2026-04-01/);

      const admin = await makeUser(runtime, "admin");
      const adminClient = new TestClient(app);
      await adminClient.login(admin.email, TEST_PASSWORD);
      expect(
        (await adminClient.request("PATCH", "/api/settings/questionnaires", { passThreshold: 60 })).status,
      ).toBe(200);
      expect((await dd2(low))?.status).toBe("pass");
      expect(
        (await adminClient.request("PATCH", "/api/settings/questionnaires", { passThreshold: 70 })).status,
      ).toBe(200);
    });
  });

  describe("vendor contacts and isolation", () => {
    let vendorA: TestClient;
    let vendorAToken: string;
    let contactAssignment: string;
    let otherIds: string[];
    let userA: PublicUser;

    beforeAll(async () => {
      userA = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
      vendorA = new TestClient(app);
      expect((await vendorA.login(userA.email, TEST_PASSWORD)).status).toBe(200);
      vendorAToken = (await createApiToken(contextFor(runtime, userA), { name: "portal" })).token;
      const sent = await security.request("POST", "/api/questionnaires", {
        engagementId: a.engagementId,
        templateId,
        recipient: { kind: "contact", userId: userA.id },
      });
      expect(sent.status).toBe(201);
      const body = await json(sent);
      expect(body).not.toHaveProperty("link");
      contactAssignment = body.assignment.id;

      const userB = await makeUser(runtime, "vendor", { vendorId: b.vendorId });
      const toB = await security.request("POST", "/api/questionnaires", {
        engagementId: b.engagementId,
        templateId,
        recipient: { kind: "contact", userId: userB.id },
      });
      const linkB = await sendLink(b.engagementId);
      const linkA = await sendLink(a.engagementId);
      otherIds = [(await json(toB)).assignment.id, linkB.id, linkA.id];
    });

    it("lists only the vendor's own active contact accounts to send to, and only to internal users", async () => {
      const disabled = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
      await runtime.db
        .updateTable("users")
        .set({ disabled_at: new Date() })
        .where("id", "=", disabled.id)
        .execute();
      const listed = await json(await security.request("GET", `/api/vendors/${a.vendorId}/accounts`));
      const ids = listed.items.map((u: Json) => u.id);
      expect(ids).toContain(userA.id);
      expect(ids).not.toContain(disabled.id);
      const ofB = await json(await security.request("GET", `/api/vendors/${b.vendorId}/accounts`));
      expect(ofB.items.map((u: Json) => u.id)).not.toContain(userA.id);
      expect(listed.items[0]).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        email: expect.any(String),
      });
      // A vendor contact lists no accounts, not even its own vendor's.
      expect((await vendorA.request("GET", `/api/vendors/${a.vendorId}/accounts`)).status).toBe(403);
      expect((await security.request("GET", `/api/vendors/${randomUUID()}/accounts`)).status).toBe(404);
    });

    it("refuses to send to a contact of another vendor", async () => {
      const userB = await makeUser(runtime, "vendor", { vendorId: b.vendorId });
      const res = await security.request("POST", "/api/questionnaires", {
        engagementId: a.engagementId,
        templateId,
        recipient: { kind: "contact", userId: userB.id },
      });
      expect(res.status).toBe(400);
    });

    it("lets a vendor contact answer its own questionnaire and never shows it review notes", async () => {
      expect((await vendorA.request("GET", `/api/questionnaires/${contactAssignment}/answer`)).status).toBe(
        200,
      );
      const form = new FormData();
      form.set("question", "policyDoc");
      form.set("file", new File([PDF], "policy.pdf", { type: "application/pdf" }));
      const up = await app.request(`/api/questionnaires/${contactAssignment}/files`, {
        method: "POST",
        headers: { cookie: vendorA.cookie, "x-csrf-token": vendorA.csrfToken },
        body: form,
      });
      expect(up.status).toBe(201);
      const file = await json(up);
      expect(
        (
          await vendorA.request("PUT", `/api/questionnaires/${contactAssignment}/answers`, {
            answers: { ...GOOD, policyDoc: [file] },
          })
        ).status,
      ).toBe(200);
      expect(
        (await vendorA.request("POST", `/api/questionnaires/${contactAssignment}/submit`, {})).status,
      ).toBe(200);
      expect(
        (await vendorA.request("PUT", `/api/questionnaires/${contactAssignment}/answers`, { answers: GOOD }))
          .status,
      ).toBe(409);

      const secret = "Internal only: compare with the site visit";
      await security.request("POST", `/api/questionnaires/${contactAssignment}/notes`, { note: secret });
      await security.request("POST", `/api/questionnaires/${contactAssignment}/clarifications`, {
        question: "nda",
        request: "Send the NDA template.",
      });
      const mine = await vendorA.request("GET", `/api/questionnaires/${contactAssignment}/answer`);
      const text = await mine.text();
      expect(text).toContain("Send the NDA template.");
      expect(text).not.toContain(secret);
      expect(text).not.toContain("grades");
      expect((await vendorA.request("GET", `/api/questionnaires/${contactAssignment}/review`)).status).toBe(
        403,
      );
      const listed = await vendorA.request("GET", `/api/engagements/${a.engagementId}/questionnaires`);
      expect(listed.status).toBe(200);
      const listedText = await listed.text();
      expect(listedText).not.toContain(secret);
      // Link assignments of its own vendor are not for the portal.
      expect((JSON.parse(listedText) as Json[]).map((x) => x.id)).toEqual([contactAssignment]);
    });

    it("lists in the portal only the vendor's own questionnaires still to answer", async () => {
      const pending = await vendorA.request("GET", "/api/portal/questionnaires");
      expect(pending.status).toBe(200);
      const ids = ((await json(pending)) as unknown as Json[]).map((x) => x.id);
      // The contact assignment went back for clarification; B's and the links are never listed.
      expect(ids).toEqual([contactAssignment]);
      expect((await security.request("GET", "/api/portal/questionnaires")).status).toBe(403);
    });

    it("answers not found for every other questionnaire, engagement and vendor id, by session or by token", async () => {
      const bearer = { authorization: `Bearer ${vendorAToken}` };
      for (const id of otherIds) {
        for (const [method, path, body] of [
          ["GET", `/api/questionnaires/${id}/answer`, undefined],
          ["PUT", `/api/questionnaires/${id}/answers`, { answers: GOOD }],
          ["POST", `/api/questionnaires/${id}/submit`, {}],
        ] as const) {
          const bySession = await vendorA.request(method, path, body);
          expect({ path, status: bySession.status }).toEqual({ path, status: 404 });
          const byToken = await app.request(path, {
            method,
            headers: { ...bearer, "content-type": "application/json" },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          expect({ path, status: byToken.status }).toEqual({ path, status: 404 });
        }
        expect((await vendorA.request("GET", `/api/questionnaires/${id}/review`)).status).toBe(403);
      }
      for (const path of [
        `/api/engagements/${b.engagementId}/questionnaires`,
        `/api/vendors/${b.vendorId}`,
      ]) {
        const res = await app.request(path, { headers: bearer });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      // The evaluated engagement is internal: refused to vendor contacts, whoever's it is.
      expect((await app.request(`/api/engagements/${b.engagementId}`, { headers: bearer })).status).toBe(403);
      for (const path of ["/api/questionnaire-templates", `/api/questionnaire-templates/${templateId}`]) {
        expect((await app.request(path, { headers: bearer })).status).toBe(403);
      }
      const send = await app.request("/api/questionnaires", {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ engagementId: a.engagementId, recipient: { kind: "link" } }),
      });
      expect(send.status).toBe(403);
    });

    it("keeps a link to its own questionnaire whatever ids are sent alongside", async () => {
      const { id, token } = await sendLink(a.engagementId);
      const view = await json(await link(token, `GET`, `?id=${otherIds[0]}`));
      expect(view.id).toBe(id);
      const res = await app.request(`/api/questionnaire-link?assignmentId=${otherIds[0]}`, {
        headers: { "x-questionnaire-link": token },
      });
      expect((await json(res)).id).toBe(id);
    });
  });

  describe("site visits (DD-3)", () => {
    it("attests DD-3 with a completed visit, naming the signs of casual treatment of clients' IP", async () => {
      const e = await makeEngagement(runtime);
      const ctx = contextFor(runtime, securityUser);
      const photo = await uploadEvidence(
        ctx,
        { title: "Open floor", engagementId: e.engagementId, controls: ["DD-3"] },
        {
          bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          filename: "floor.png",
          mediaType: "image/png",
        },
      );
      const elsewhere = await uploadEvidence(
        ctx,
        { title: "Other", engagementId: a.engagementId },
        {
          bytes: new TextEncoder().encode("x"),
          filename: "x.txt",
          mediaType: "text/plain",
        },
      );
      const checklist = SITE_VISIT_CHECKLIST.map((i) => ({
        item: i.id,
        result: i.id === "screensLocked" ? "concern" : "ok",
        ...(i.id === "screensLocked" ? { note: "three unlocked laptops in the shared room" } : {}),
      }));
      const path = `/api/engagements/${e.engagementId}/site-visits`;
      const base = { visitedOn: "2026-03-01", visitors: "S. Security", complete: true };
      expect((await security.request("POST", path, { ...base, checklist: checklist.slice(1) })).status).toBe(
        400,
      );
      expect(
        (await security.request("POST", path, { ...base, checklist, photoEvidenceIds: [elsewhere.id] }))
          .status,
      ).toBe(400);
      const vendorUser = await makeUser(runtime, "vendor", { vendorId: e.vendorId });
      const vendor = new TestClient(app);
      await vendor.login(vendorUser.email, TEST_PASSWORD);
      expect((await vendor.request("POST", path, { ...base, checklist })).status).toBe(403);

      const res = await security.request("POST", path, { ...base, checklist, photoEvidenceIds: [photo.id] });
      expect(res.status).toBe(201);
      expect((await json(res)).concerns).toHaveLength(1);
      const [evaluation] = await evaluateEngagements(runtime.db, [e.engagementId], clock.now);
      const dd3 = evaluation?.results.find((r) => r.id === "DD-3");
      expect(dd3?.status).toBe("attested");
      expect(dd3?.reasons[0]).toContain("Casual treatment of clients' IP: Unattended screens are locked");
      expect(dd3?.reasons[0]).toContain("three unlocked laptops");
      expect(dd3?.records).toContainEqual({ type: "evidence", id: photo.id });
    });

    it("keeps a draft visit until it is completed, then refuses to change it", async () => {
      const e = await makeEngagement(runtime);
      const checklist = SITE_VISIT_CHECKLIST.map((i) => ({ item: i.id, result: "ok" }));
      const base = { visitedOn: "2026-03-01", visitors: "S. Security" };
      const draft = await security.request("POST", `/api/engagements/${e.engagementId}/site-visits`, {
        ...base,
        checklist: checklist.slice(0, 2),
        observations: "Half-way",
      });
      expect(draft.status).toBe(201);
      const id = (await json(draft)).id;
      const again = await json(
        await security.request("PUT", `/api/site-visits/${id}`, {
          ...base,
          checklist: checklist.slice(0, 3),
          observations: "Most of it",
        }),
      );
      expect(again).toMatchObject({ id, status: "draft", observations: "Most of it" });
      expect(again.checklist).toHaveLength(3);
      const [before] = await evaluateEngagements(runtime.db, [e.engagementId], clock.now);
      expect(before?.results.find((r) => r.id === "DD-3")?.status).not.toBe("attested");

      const done = await security.request("PUT", `/api/site-visits/${id}`, {
        ...base,
        checklist,
        complete: true,
      });
      expect(done.status).toBe(200);
      expect((await json(done)).status).toBe("completed");
      const [after] = await evaluateEngagements(runtime.db, [e.engagementId], clock.now);
      expect(after?.results.find((r) => r.id === "DD-3")?.status).toBe("attested");
      expect(
        (await security.request("PUT", `/api/site-visits/${id}`, { ...base, checklist, complete: true }))
          .status,
      ).toBe(409);
      expect(
        (await security.request("PUT", `/api/site-visits/${randomUUID()}`, { ...base, checklist })).status,
      ).toBe(404);
      const visits = (await json(
        await security.request("GET", `/api/engagements/${e.engagementId}/site-visits`),
      )) as unknown as Json[];
      expect(visits.map((v) => [v.id, v.status])).toEqual([[id, "completed"]]);
      const audited = await runtime.db
        .selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", id)
        .orderBy("seq")
        .execute();
      expect(audited.map((x) => x.action)).toEqual([
        "site-visit.record",
        "site-visit.update",
        "site-visit.complete",
      ]);
    });
  });
});
