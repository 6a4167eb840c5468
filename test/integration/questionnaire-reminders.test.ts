import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRemindersJob } from "../../src/jobs/compute-reminders-job.ts";
import { createApp } from "../../src/server/app.ts";
import { createTemplate } from "../../src/services/questionnaires/questionnaire-templates.ts";
import { recordQuestionnaireReminders } from "../../src/services/questionnaires/record-questionnaire-reminders.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import {
  contextFor,
  makeEngagement,
  makeUser,
  smallQuestionnaireDefinition,
  systemContext,
  TEST_PASSWORD,
} from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { answerAndSubmitByLink } from "../support/questionnaire-world.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; each test asserts the fields it needs
type Json = Record<string, any>;

describe("questionnaire reminders before the due date", () => {
  let runtime: TestRuntime;
  let clock: Date;
  let app: ReturnType<typeof createApp>;
  let securityUser: PublicUser;
  let templateId: string;
  let a: { vendorId: string; engagementId: string };
  let vendorUser: PublicUser;

  beforeAll(async () => {
    clock = new Date("2026-03-02T10:00:00Z");
    runtime = await createTestRuntime({ now: () => clock });
    app = createApp(runtime);
    securityUser = await makeUser(runtime, "security");
    templateId = (await createTemplate(contextFor(runtime, securityUser), smallQuestionnaireDefinition())).id;
    a = await makeEngagement(runtime, { name: "Vendor A" });
    vendorUser = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
  });
  afterAll(async () => runtime.close());

  const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

  async function signIn(user: PublicUser): Promise<TestClient> {
    const client = new TestClient(app);
    expect((await client.login(user.email, TEST_PASSWORD)).status).toBe(200);
    return client;
  }

  async function send(dueOn: string | null, recipient: Json): Promise<{ id: string; token?: string }> {
    const res = await (await signIn(securityUser)).request("POST", "/api/questionnaires", {
      engagementId: a.engagementId,
      templateId,
      dueOn,
      recipient,
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    return { id: body.assignment.id, token: body.link?.token };
  }

  async function remindersAudited(): Promise<{ target_id: string | null; summary: unknown }[]> {
    return runtime.db
      .selectFrom("audit_log")
      .select(["target_id", "summary"])
      .where("action", "=", "questionnaire.reminder")
      .orderBy("seq")
      .execute();
  }

  it("records a reminder once per window for questionnaires not yet submitted, and shows it everywhere", async () => {
    const contact = { kind: "contact", userId: vendorUser.id };
    const soon = await send("2026-03-05", contact);
    const later = await send("2026-03-12", { kind: "link", label: "later@vendor.example" });
    const overdue = await send("2026-03-01", { kind: "link", label: "late@vendor.example" });
    const undated = await send(null, contact);
    const done = await send("2026-03-03", { kind: "link", label: "done@vendor.example" });
    const token = done.token!;
    await answerAndSubmitByLink(app, token);

    await computeRemindersJob.run(runtime, {});
    const recorded = await runtime.db
      .selectFrom("questionnaire_assignments")
      .select(["id", "reminder_kind"])
      .where("id", "in", [soon.id, later.id, overdue.id, undated.id, done.id])
      .execute();
    const kinds = Object.fromEntries(recorded.map((r) => [r.id, r.reminder_kind]));
    expect(kinds).toEqual({
      [soon.id]: "due_soon",
      [later.id]: null,
      [overdue.id]: "overdue",
      [undated.id]: null,
      [done.id]: null,
    });
    expect((await remindersAudited()).map((r) => r.target_id).sort()).toEqual([soon.id, overdue.id].sort());

    // The job runs again (another worker, or a retry): nothing new is recorded.
    await computeRemindersJob.run(runtime, {});
    expect(await recordQuestionnaireReminders(systemContext(runtime))).toEqual([]);
    expect(await remindersAudited()).toHaveLength(2);

    // The vendor contact's portal list, the questionnaires page and the dashboard show them.
    const portal = (await json(
      await (await signIn(vendorUser)).request("GET", "/api/portal/questionnaires"),
    )) as unknown as Json[];
    expect(portal.find((q) => q.id === soon.id)?.reminder).toMatchObject({ kind: "due_soon" });
    expect(portal.find((q) => q.id === undated.id)?.reminder).toBeNull();
    const security = await signIn(securityUser);
    const due = (await json(await security.request("GET", "/api/questionnaires/due"))) as unknown as Json[];
    expect(due.map((q) => [q.id, q.reminder.kind])).toEqual([
      [overdue.id, "overdue"],
      [soon.id, "due_soon"],
    ]);
    expect(due[0]).toMatchObject({ engagementName: "Platform build", vendorName: "Vendor A" });
    expect((await (await signIn(vendorUser)).request("GET", "/api/questionnaires/due")).status).toBe(403);
    const listed = (await json(
      await security.request("GET", `/api/engagements/${a.engagementId}/questionnaires`),
    )) as unknown as Json[];
    expect(listed.find((q) => q.id === overdue.id)?.reminder.kind).toBe("overdue");
    const dashboard = await json(await security.request("GET", "/api/dashboard"));
    const questionnaires = (dashboard.expiring as Json[]).filter((r) => r.kind === "questionnaire");
    expect(questionnaires.map((r) => r.dueOn)).toEqual(["2026-03-01", "2026-03-05"]);
    expect(questionnaires[0]).toMatchObject({
      subject: "Vendor IP basics on Platform build",
      engagementId: a.engagementId,
      vendorId: a.vendorId,
    });

    // Four days on, the one due soon is overdue (reminded once more) and the later one enters the window.
    const start = clock;
    try {
      clock = new Date("2026-03-06T10:00:00Z");
      const next = await recordQuestionnaireReminders(systemContext(runtime));
      expect(next.map((r) => [r.assignmentId, r.kind]).sort()).toEqual(
        [
          [soon.id, "overdue"],
          [later.id, "due_soon"],
        ].sort(),
      );
      expect(await recordQuestionnaireReminders(systemContext(runtime))).toEqual([]);
      const audited = await remindersAudited();
      expect(audited).toHaveLength(4);
      expect(audited.at(-1)?.summary).toMatchObject({ windowDays: 7 });
    } finally {
      clock = start;
    }
  });

  it("takes its window from the questionnaire settings", async () => {
    const admin = await signIn(await makeUser(runtime, "admin"));
    const far = await send("2026-03-14", { kind: "link", label: "far@vendor.example" });
    expect((await admin.request("PATCH", "/api/settings/questionnaires", { reminderDays: 31 })).status).toBe(
      400,
    );
    expect(
      (await recordQuestionnaireReminders(systemContext(runtime))).map((r) => r.assignmentId),
    ).not.toContain(far.id);
    expect((await admin.request("PATCH", "/api/settings/questionnaires", { reminderDays: 14 })).status).toBe(
      200,
    );
    expect(await recordQuestionnaireReminders(systemContext(runtime))).toContainEqual({
      assignmentId: far.id,
      kind: "due_soon",
      dueOn: "2026-03-14",
    });
  });
});
