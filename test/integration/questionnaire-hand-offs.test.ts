import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import {
  type Json,
  json,
  type QuestionnaireWorld,
  questionnaireWorld,
} from "../support/questionnaire-world.ts";
import type { TestRuntime } from "../support/test-runtime.ts";

describe("handing a questionnaire section to a colleague", () => {
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

  async function handOff(token: string, section: string, extra: Json = {}): Promise<Json> {
    const res = await link(token, "POST", "/hand-offs", {
      section,
      recipient: "it@vendor.example",
      ...extra,
    });
    expect(res.status).toBe(201);
    return json(res);
  }

  async function auditActions(assignmentId: string): Promise<{ action: string; summary: Json }[]> {
    return (await runtime.db
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("target_id", "=", assignmentId)
      .orderBy("seq")
      .execute()) as { action: string; summary: Json }[];
  }

  it("lets the colleague read and answer only its section, and keeps its answers from a stale main draft", async () => {
    const main = await sendLink(a.engagementId);
    expect(
      (await link(main.token, "PUT", "/answers", { answers: { nda: "yes", turnover: 12 } })).status,
    ).toBe(200);
    const given = await handOff(main.token, "incidents");
    expect(given.handOff).toMatchObject({
      section: "incidents",
      recipient: "it@vendor.example",
      state: "active",
    });
    expect(given.link.url).toContain("/answer#");
    const section = given.link.token as string;

    const view = await json(await link(section, "GET"));
    expect(view.definition.sections.map((s: Json) => s.id)).toEqual(["incidents"]);
    expect(view.section).toMatchObject({ id: "incidents", title: "Incidents" });
    expect(view.answers).toEqual({});
    expect(view.handOffs).toEqual([]);
    expect(JSON.stringify(view)).not.toContain("turnover");

    const outside = await link(section, "PUT", "/answers", { answers: { incident: "no", nda: "no" } });
    expect(outside.status).toBe(400);
    expect((await json(outside)).errors).toEqual([
      { question: "nda", message: "is not a question of the section handed to you" },
    ]);
    expect((await linkUpload(section, "nda")).status).toBe(400);
    const file = await json(await linkUpload(section, "policyDoc"));
    const saved = await link(section, "PUT", "/answers", { answers: { incident: "no", policyDoc: [file] } });
    expect(saved.status).toBe(200);
    expect((await json(saved)).answers).toEqual({ incident: "no", policyDoc: [file] });
    expect((await link(section, "POST", "/submit", {})).status).toBe(403);
    expect((await link(section, "POST", "/hand-offs", { section: "people", recipient: "x" })).status).toBe(
      403,
    );
    expect(
      (await link(section, "POST", "/hand-offs/take-back", { handOffId: given.handOff.id })).status,
    ).toBe(403);

    // The main respondent sees the colleague's answers; its own stale copy does not overwrite them.
    const mainView = await json(await link(main.token, "GET"));
    expect(mainView.answers).toMatchObject({ nda: "yes", turnover: 12, incident: "no" });
    expect(mainView.handOffs).toEqual([expect.objectContaining({ id: given.handOff.id, state: "active" })]);
    const stale = await json(
      await link(main.token, "PUT", "/answers", {
        answers: { nda: "yes", workspace: "closedRoom", turnover: 12, incident: "yes" },
      }),
    );
    expect(stale.answers).toMatchObject({ workspace: "closedRoom", incident: "no", policyDoc: [file] });

    // One colleague per section at a time.
    expect(
      (await link(main.token, "POST", "/hand-offs", { section: "incidents", recipient: "y" })).status,
    ).toBe(409);
    expect((await link(main.token, "POST", "/hand-offs", { section: "nope", recipient: "y" })).status).toBe(
      400,
    );

    const back = await link(main.token, "POST", "/hand-offs/take-back", { handOffId: given.handOff.id });
    expect(back.status).toBe(200);
    expect((await json(back)).handOffs[0].state).toBe("taken_back");
    for (const [method, path, body] of [
      ["GET", "", undefined],
      ["PUT", "/answers", { answers: { incident: "yes" } }],
    ] as const) {
      const res = await link(section, method, path, body);
      expect(res.status).toBe(403);
      expect((await json(res)).reason).toBe("link_revoked");
    }
    expect(
      (await link(main.token, "POST", "/hand-offs/take-back", { handOffId: given.handOff.id })).status,
    ).toBe(409);
    // Taken back, the section is the main respondent's again.
    const mine = await json(
      await link(main.token, "PUT", "/answers", { answers: { ...stale.answers, incident: "yes" } }),
    );
    expect(mine.answers.incident).toBe("yes");

    const actions = await auditActions(main.id);
    expect(actions.map((x) => x.action)).toEqual(
      expect.arrayContaining(["questionnaire.section.hand-off", "questionnaire.section.take-back"]),
    );
    const byColleague = actions.filter((x) => x.summary.handOffId === given.handOff.id).map((x) => x.action);
    expect(byColleague).toEqual([
      "questionnaire.section.hand-off",
      "questionnaire.file.attach",
      "questionnaire.draft.save",
      "questionnaire.section.take-back",
    ]);
  });

  it("ends the section link when it expires and when the questionnaire is submitted", async () => {
    const main = await sendLink(a.engagementId);
    const first = await handOff(main.token, "people", { validDays: 1 });
    expect(
      (await link(first.link.token, "PUT", "/answers", { answers: { nda: "yes", workspace: "closedRoom" } }))
        .status,
    ).toBe(200);
    const start = clock.now;
    try {
      clock.now = new Date(start.getTime() + 2 * 86_400_000);
      const expired = await link(first.link.token, "GET");
      expect(expired.status).toBe(403);
      expect((await json(expired)).reason).toBe("link_expired");
      // The expired hand-off no longer holds the section: it can be handed again.
      const second = await handOff(main.token, "people");
      expect(
        (
          await link(second.link.token, "PUT", "/answers", {
            answers: { nda: "yes", workspace: "closedRoom", turnover: 5 },
          })
        ).status,
      ).toBe(200);
      const file = await json(await linkUpload(main.token, "policyDoc"));
      const current = (await json(await link(main.token, "GET"))).answers;
      expect(current).toMatchObject({ nda: "yes", workspace: "closedRoom", turnover: 5 });
      expect(
        (
          await link(main.token, "PUT", "/answers", {
            answers: { ...current, incident: "no", policyDoc: [file] },
          })
        ).status,
      ).toBe(200);
      expect((await link(main.token, "POST", "/submit", {})).status).toBe(200);
      const used = await link(second.link.token, "GET");
      expect(used.status).toBe(403);
      expect((await json(used)).reason).toBe("link_used");

      // Sent back for clarification, the questionnaire is open again, but the section link stays dead.
      const later = new TestClient(app);
      expect((await later.login(securityUser.email, TEST_PASSWORD)).status).toBe(200);
      const clarify = await later.request("POST", `/api/questionnaires/${main.id}/clarifications`, {
        question: "turnover",
        request: "Is that per year?",
      });
      expect(clarify.status).toBe(200);
      expect((await link(second.link.token, "GET")).status).toBe(403);
      const states = await runtime.db
        .selectFrom("questionnaire_section_links")
        .select(["end_reason"])
        .where("assignment_id", "=", main.id)
        .orderBy("created_at")
        .execute();
      expect(states.map((s) => s.end_reason)).toEqual(["expired", "submitted"]);
    } finally {
      clock.now = start;
    }
  });

  describe("isolation", () => {
    let vendorA: TestClient;
    let contactA: string;
    let contactB: string;
    let linkA: { id: string; token: string };
    let linkB: { id: string; token: string };
    let handOffB: string;
    let handOffContactB: string;

    beforeAll(async () => {
      const userA = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
      vendorA = new TestClient(app);
      expect((await vendorA.login(userA.email, TEST_PASSWORD)).status).toBe(200);
      const userB = await makeUser(runtime, "vendor", { vendorId: b.vendorId });
      const vendorB = new TestClient(app);
      expect((await vendorB.login(userB.email, TEST_PASSWORD)).status).toBe(200);
      const send = async (engagementId: string, userId: string) =>
        (
          await json(
            await security.request("POST", "/api/questionnaires", {
              engagementId,
              templateId,
              recipient: { kind: "contact", userId },
            }),
          )
        ).assignment.id as string;
      contactA = await send(a.engagementId, userA.id);
      contactB = await send(b.engagementId, userB.id);
      linkA = await sendLink(a.engagementId);
      linkB = await sendLink(b.engagementId);
      handOffB = (await handOff(linkB.token, "people")).handOff.id;
      const byB = await vendorB.request("POST", `/api/questionnaires/${contactB}/hand-offs`, {
        section: "people",
        recipient: "hr@b.example",
      });
      expect(byB.status).toBe(201);
      handOffContactB = (await json(byB)).handOff.id;
    });

    it("lets a vendor contact hand a section of its own questionnaire and take it back", async () => {
      const res = await vendorA.request("POST", `/api/questionnaires/${contactA}/hand-offs`, {
        section: "incidents",
        recipient: "it@a.example",
      });
      expect(res.status).toBe(201);
      const given = await json(res);
      expect((await link(given.link.token, "PUT", "/answers", { answers: { incident: "no" } })).status).toBe(
        200,
      );
      const mine = await json(await vendorA.request("GET", `/api/questionnaires/${contactA}/answer`));
      expect(mine.answers.incident).toBe("no");
      expect(mine.handOffs).toHaveLength(1);
      const back = await vendorA.request("POST", `/api/questionnaires/${contactA}/hand-offs/take-back`, {
        handOffId: given.handOff.id,
      });
      expect(back.status).toBe(200);
      expect((await link(given.link.token, "GET")).status).toBe(403);
    });

    it("answers not found for every other vendor's questionnaire and every hand-off of another questionnaire", async () => {
      for (const id of [contactB, linkB.id, linkA.id, randomUUID()]) {
        const res = await vendorA.request("POST", `/api/questionnaires/${id}/hand-offs`, {
          section: "people",
          recipient: "x",
        });
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
        const back = await vendorA.request("POST", `/api/questionnaires/${id}/hand-offs/take-back`, {
          handOffId: handOffB,
        });
        expect({ id, status: back.status }).toEqual({ id, status: 404 });
      }
      for (const handOffId of [handOffB, handOffContactB, randomUUID()]) {
        const byContact = await vendorA.request(
          "POST",
          `/api/questionnaires/${contactA}/hand-offs/take-back`,
          {
            handOffId,
          },
        );
        expect({ handOffId, status: byContact.status }).toEqual({ handOffId, status: 404 });
        const byLink = await link(linkA.token, "POST", "/hand-offs/take-back", { handOffId });
        expect({ handOffId, status: byLink.status }).toEqual({ handOffId, status: 404 });
      }
      // B's hand-offs are untouched.
      const stillB = await json(await link(linkB.token, "GET"));
      expect(stillB.handOffs.map((h: Json) => h.state)).toEqual(["active"]);
    });

    it("keeps a section link to its section whatever ids are sent alongside, and off every signed-in route", async () => {
      const given = await handOff(linkA.token, "incidents");
      const token = given.link.token as string;
      await security.request("POST", `/api/questionnaires/${linkA.id}/notes`, {
        note: "Internal only: their CISO left",
      });
      for (const id of [linkB.id, contactA, contactB]) {
        const view = await json(await link(token, "GET", `?id=${id}&assignmentId=${id}`));
        expect(view.id).toBe(linkA.id);
        expect(view.definition.sections.map((s: Json) => s.id)).toEqual(["incidents"]);
        expect(JSON.stringify(view)).not.toContain("CISO");
        for (const path of [`/api/questionnaires/${id}/answer`, `/api/questionnaires/${linkA.id}/review`]) {
          const res = await app.request(path, { headers: { "x-questionnaire-link": token } });
          expect({ path, status: res.status }).toEqual({ path, status: 401 });
        }
      }
      expect((await link(`${token}x`, "GET")).status).toBe(404);
    });
  });
});
