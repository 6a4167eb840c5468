import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toIsoDate } from "../../src/domain/dates.ts";
import { ALICE, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import { computeRemindersJob } from "../../src/jobs/compute-reminders-job.ts";
import { dispatchEventsJob } from "../../src/jobs/dispatch-events-job.ts";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { refreshEvaluationsJob } from "../../src/jobs/refresh-evaluations-job.ts";
import { sendMailJob } from "../../src/jobs/send-mail-job.ts";
import { createApp } from "../../src/server/app.ts";
import { addRepository } from "../../src/services/custody/custody-repositories.ts";
import { updateCustodySettings } from "../../src/services/custody/custody-settings.ts";
import { recordCodeDelivery } from "../../src/services/custody/record-code-delivery.ts";
import { runVerification } from "../../src/services/custody/run-verification.ts";
import { createEngagement } from "../../src/services/engagements/create-engagement.ts";
import { createMilestone } from "../../src/services/milestones/create-milestone.ts";
import { refreshEvaluations } from "../../src/services/playbook/refresh-evaluations.ts";
import { createTemplate } from "../../src/services/questionnaires/questionnaire-templates.ts";
import { addPerson } from "../../src/services/roster/save-person.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { addVendorCertification } from "../../src/services/vendors/vendor-certificates.ts";
import {
  contextFor,
  makeEngagement,
  makeUser,
  smallQuestionnaireDefinition,
  systemContext,
  TEST_PASSWORD,
} from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { runCli } from "../support/run-cli.ts";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; each test asserts the fields it needs
type Json = Record<string, any>;

const PUBLIC_URL = "https://warden.example";

/** Both parts of a message carry the link, and the HTML part links to it. */
function expectLink(mail: ReceivedMail, link: string | RegExp): string {
  const pattern = typeof link === "string" ? new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : link;
  const inText = pattern.exec(mail.text)?.[0];
  expect(inText, `text part of "${mail.subject}" has the link`).toBeTruthy();
  expect(mail.html).toContain(`href="${inText!.replace(/&/g, "&amp;")}"`);
  return inText!;
}

describe("mail through a real SMTP server", () => {
  let sink: SmtpSink;
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let queue: JobQueue;
  let admin: PublicUser;
  let security: PublicUser;
  let vendorA: PublicUser;
  let vendorB: PublicUser;
  let a: { vendorId: string; engagementId: string };
  let b: { vendorId: string; engagementId: string };

  const to = (user: PublicUser) => (m: ReceivedMail) => m.to.includes(user.email);
  const dispatch = () => dispatchEventsJob.run(runtime, {});

  async function signIn(user: PublicUser): Promise<TestClient> {
    const client = new TestClient(app);
    expect((await client.login(user.email, TEST_PASSWORD)).status).toBe(200);
    return client;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    runtime = await createTestRuntime({
      env: {
        WARDEN_SMTP_URL: sink.url,
        WARDEN_MAIL_FROM: "Warden <warden@example.com>",
        WARDEN_PUBLIC_URL: PUBLIC_URL,
      },
    });
    app = createApp(runtime);
    queue = await JobQueue.start(runtime, {
      work: true,
      jobs: [sendMailJob, dispatchEventsJob, refreshEvaluationsJob],
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    admin = await makeUser(runtime, "admin");
    security = await makeUser(runtime, "security");
    a = await makeEngagement(runtime, { name: "Vendor A" });
    b = await makeEngagement(runtime, { name: "Vendor B" });
    vendorA = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
    vendorB = await makeUser(runtime, "vendor", { vendorId: b.vendorId });
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await runtime?.close();
    await sink?.close();
  });

  it("mails a questionnaire to the vendor contact and its link to a link recipient, escaping what users wrote", async () => {
    const templateId = (await createTemplate(contextFor(runtime, security), smallQuestionnaireDefinition()))
      .id;
    const engagement = await createEngagement(contextFor(runtime, security), {
      vendorId: a.vendorId,
      name: "Build <b>fast</b> & cheap",
      offshore: true,
    });
    const client = await signIn(security);
    const sent = (await (
      await client.request("POST", "/api/questionnaires", {
        engagementId: engagement.id,
        templateId,
        dueOn: addDays(toIsoDate(new Date()), 20),
        recipient: { kind: "contact", userId: vendorA.id },
      })
    ).json()) as Json;
    const contactMail = await sink.waitFor(
      (m) => to(vendorA)(m) && m.subject.startsWith("Questionnaire to answer"),
    );
    expectLink(contactMail, `${PUBLIC_URL}/portal/questionnaires/${sent.assignment.id}`);
    expect(contactMail.from).toBe("warden@example.com");
    expect(contactMail.text).toContain("Build <b>fast</b> & cheap");
    expect(contactMail.html).toContain("Build &lt;b&gt;fast&lt;/b&gt; &amp; cheap");
    expect(contactMail.html).not.toContain("<b>fast</b>");

    const linked = (await (
      await client.request("POST", "/api/questionnaires", {
        engagementId: a.engagementId,
        templateId,
        recipient: { kind: "link", label: "cto@vendor-a.example" },
      })
    ).json()) as Json;
    const linkMail = await sink.waitFor((m) => m.to.includes("cto@vendor-a.example"));
    // The link is still in the answer, to be copied by hand as before; the mail carries the same one.
    expect(expectLink(linkMail, /https:\/\/warden\.example\/answer#[\w-]+/)).toBe(linked.link.url);
  });

  it("mails reminders and expiries to those who may see them, once each", async () => {
    const today = toIsoDate(runtime.now());
    const ctx = contextFor(runtime, security);
    await addVendorCertification(ctx, a.vendorId, { kind: "ISO 27001", expiresOn: addDays(today, 10) });
    await addVendorCertification(ctx, b.vendorId, { kind: "SOC 2", expiresOn: addDays(today, 12) });
    const client = await signIn(security);
    const planned = await client.request("POST", `/api/engagements/${a.engagementId}/milestones`, {
      title: "Sprint 1 handover",
      amount: 1000,
      currency: "USD",
      dueDate: addDays(today, 5),
    });
    expect(planned.status).toBe(201);
    await computeRemindersJob.run(runtime, {});

    const expiryA = await sink.waitFor((m) => to(vendorA)(m) && m.subject.includes("ISO 27001"));
    expect(expiryA.subject).toMatch(/^Expiry: ISO 27001 of Vendor A expires on \d{4}-\d{2}-\d{2}$/);
    expect(expiryA.html).toContain("ISO 27001 of Vendor A");
    await sink.waitFor((m) => to(security)(m) && m.subject.includes("SOC 2 of Vendor B"));
    const reminder = await sink.waitFor(
      (m) => to(security)(m) && m.subject.startsWith("Reminder: Milestone Sprint 1 handover"),
    );
    expectLink(reminder, `${PUBLIC_URL}/engagements/${a.engagementId}`);
    await sink.waitFor((m) => to(vendorB)(m) && m.subject.includes("SOC 2"));

    // A vendor contact hears of its own vendor's expiries only, and of no internal matter.
    const seenByA = sink.messages.filter(to(vendorA)).map((m) => m.subject);
    expect(seenByA.some((s) => s.includes("Vendor B"))).toBe(false);
    expect(seenByA.some((s) => s.includes("Milestone"))).toBe(false);

    // Running the daily job again queues nothing new: each reminder is mailed once per recipient and due date.
    const reminderMail = async () =>
      Number(
        (
          await runtime.db
            .selectFrom("mail_messages")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("kind", "in", ["reminder", "expiry"])
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await reminderMail();
    expect(before).toBeGreaterThanOrEqual(4);
    await computeRemindersJob.run(runtime, {});
    expect(await reminderMail()).toBe(before);
  });

  it("mails a gate that became blocked to internal staff only", async () => {
    await refreshEvaluations(runtime.db, runtime.now(), [a.engagementId]);
    // The stored evaluation said open: the next one, with the gate held, is a change.
    await runtime.db
      .updateTable("engagement_evaluations")
      .set({ gate_open: true })
      .where("engagement_id", "=", a.engagementId)
      .execute();
    await refreshEvaluations(runtime.db, runtime.now(), [a.engagementId]);
    await dispatch();
    const mail = await sink.waitFor((m) => to(security)(m) && m.subject === "Gate blocked: Platform build");
    expect(mail.text).toContain("gate of Platform build is now blocked");
    expect(mail.text).toMatch(/- DD-\d/);
    expectLink(mail, `${PUBLIC_URL}/engagements/${a.engagementId}`);
    await sink.waitFor((m) => to(admin)(m) && m.subject === "Gate blocked: Platform build");
    expect(sink.messages.some((m) => to(vendorA)(m) && m.subject.startsWith("Gate blocked"))).toBe(false);
  });

  it("mails a delivery rejected, a roster request to review and a leak case opened", async () => {
    const client = await signIn(security);
    const milestone = (await (
      await client.request("POST", `/api/engagements/${a.engagementId}/milestones`, {
        title: "Release <1.0>",
        amount: 500,
        currency: "USD",
      })
    ).json()) as Json;
    expect(
      (await client.request("POST", `/api/milestones/${milestone.id}/deliver`, { note: "zip" })).status,
    ).toBe(200);
    expect(
      (
        await client.request("POST", `/api/milestones/${milestone.id}/decide`, {
          accept: false,
          reason: "Tests fail",
        })
      ).status,
    ).toBe(200);

    const portal = await signIn(vendorA);
    const joiner = await portal.request("POST", "/api/portal/roster-requests/joiners", {
      fullName: "Dev Newcomer",
      startDate: toIsoDate(runtime.now()),
    });
    expect(joiner.status).toBe(201);

    const leak = await client.request("POST", "/api/leaks/cases", {
      title: "Forum paste",
      text: "some pasted code",
    });
    expect(leak.status).toBe(201);

    await dispatch();
    const rejected = await sink.waitFor(
      (m) => to(security)(m) && m.subject === "Delivery rejected: Release <1.0>",
    );
    expect(rejected.text).toContain("was rejected: Tests fail");
    expect(rejected.html).toContain("Release &lt;1.0&gt;");
    const roster = await sink.waitFor(
      (m) => to(security)(m) && m.subject === "A roster request waits for review",
    );
    expect(roster.text).toContain(vendorA.email);
    expectLink(roster, `${PUBLIC_URL}/people`);
    const leakMail = await sink.waitFor((m) => to(security)(m) && m.subject.startsWith("Leak case opened"));
    expectLink(leakMail, `${PUBLIC_URL}/leaks`);
    // None of these internal matters reaches the vendor contact who proposed the joiner.
    expect(sink.messages.filter(to(vendorA)).some((m) => /Delivery|roster|Leak/.test(m.subject))).toBe(false);
  });

  it("mails a delivery verified from our mirror to internal staff", async () => {
    const work = scratch("warden-mail-delivery-");
    const enqueue = runtime.enqueue;
    // The sync and the verification run here, in the test, rather than on the queue.
    runtime.enqueue = async () => {};
    try {
      await updateCustodySettings(contextFor(runtime, admin), { allowFileUrls: true });
      await addPerson(systemContext(runtime), a.vendorId, {
        fullName: ALICE.name,
        email: ALICE.email,
        startDate: "2026-01-01",
      });
      const vendorRepo = TestRepository.create(join(work.dir, "app"));
      vendorRepo.commit({ "README.md": "# app\n" }, { message: "release 1" });
      vendorRepo.run(["tag", "v1.0.0"]);
      const repo = await addRepository(contextFor(runtime, security), {
        engagementId: a.engagementId,
        url: vendorRepo.url,
        name: "app",
      });
      const milestone = await createMilestone(contextFor(runtime, security), a.engagementId, {
        title: "Release <2>",
        amount: 700,
        currency: "USD",
      });
      const delivery = await recordCodeDelivery(contextFor(runtime, security), milestone.id, {
        repositoryId: repo.id,
        ref: "v1.0.0",
      });
      expect(await runVerification(runtime, delivery.verificationId)).toBe("accepted");
    } finally {
      runtime.enqueue = enqueue;
      work.remove();
    }
    await dispatch();
    const verified = await sink.waitFor(
      (m) => to(security)(m) && m.subject === "Delivery verified: Release <2>",
    );
    expect(verified.text).toContain("was verified");
    expect(verified.html).toContain("Release &lt;2&gt;");
    expect(sink.messages.filter(to(vendorA)).some((m) => m.subject.startsWith("Delivery verified"))).toBe(
      false,
    );
  });

  it("holds mail for a daily digest when the user chose one", async () => {
    const client = await signIn(security);
    const hour = runtime.now().getUTCHours();
    const set = await client.request("PATCH", "/api/account/mail", { delivery: "digest", digestHour: hour });
    expect(set.status).toBe(200);
    expect(((await set.json()) as Json).delivery).toBe("digest");
    const bad = await client.request("PATCH", "/api/account/mail", { digestHour: 24 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("digestHour");
    const portal = await signIn(vendorA);
    const refused = await portal.request("PATCH", "/api/account/mail", { topics: ["leak_case"] });
    expect(refused.status).toBe(400);

    const leak = await client.request("POST", "/api/leaks/cases", {
      title: "Second paste",
      text: "more pasted code",
    });
    expect(leak.status).toBe(201);
    await dispatch();
    const digest = await sink.waitFor((m) => to(security)(m) && m.subject.startsWith("Warden daily digest"));
    expect(digest.text).toContain("Leak case opened");
    expect(
      sink.messages.filter((m) => to(security)(m) && m.subject.startsWith("Leak case opened")).length,
    ).toBe(1);
    // One digest a day: what comes after it waits for tomorrow's.
    expect(
      (await client.request("POST", "/api/leaks/cases", { title: "Third paste", text: "later code" })).status,
    ).toBe(201);
    await dispatch();
    const held = await runtime.db
      .selectFrom("mail_messages")
      .select("status")
      .where("recipient", "=", security.email)
      .where("subject", "like", "Leak case opened%")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(held.status).toBe("digest");
    expect(
      sink.messages.filter((m) => to(security)(m) && m.subject.startsWith("Warden daily digest")),
    ).toHaveLength(1);
  });

  it("retries a message while the SMTP server is down, and delivers it once the server is back", async () => {
    const port = sink.port;
    await sink.close();
    const client = await signIn(admin);
    const invited = await client.request("POST", "/api/users", {
      email: "late.arrival@example.com",
      name: "Late Arrival",
      role: "legal",
      invite: true,
    });
    expect(invited.status).toBe(201);
    const failedOnce = async () =>
      runtime.db
        .selectFrom("mail_messages")
        .select(["attempts", "error", "status"])
        .where("recipient", "=", "late.arrival@example.com")
        .executeTakeFirst();
    const deadline = Date.now() + 60_000;
    let row = await failedOnce();
    while (!(row && row.attempts >= 1 && row.error) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      row = await failedOnce();
    }
    expect(row?.status).toBe("queued");
    expect(row?.error).toMatch(/ECONNREFUSED|connect/i);

    sink = await startSmtpSink(port);
    const mail = await sink.waitFor((m) => m.to.includes("late.arrival@example.com"), 90_000);
    expect(mail.subject).toBe("You are invited to Warden");
    const sent = await failedOnce();
    expect(sent?.status).toBe("sent");
    expect(sent!.attempts).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it("lists every message with its status in the mail log (admins only)", async () => {
    const log = (await (
      await (await signIn(admin)).request("GET", "/api/mail/messages?limit=500")
    ).json()) as Json;
    const kinds = new Set((log.items as Json[]).map((m) => m.kind));
    for (const kind of [
      "questionnaire",
      "expiry",
      "reminder",
      "gate_blocked",
      "delivery_decided",
      "roster_review",
      "leak_case",
      "invitation",
      "digest",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const sent = (log.items as Json[]).find((m) => m.status === "sent")!;
    expect(sent.messageId).toMatch(/^<.+>$/);
    expect(sent.serverResponse).toMatch(/^250/);
    expect((await (await signIn(security)).request("GET", "/api/mail/messages")).status).toBe(403);
  });
});

describe("warden mail test", () => {
  it("sends a test message through the configured server and prints its answer", async () => {
    const sink = await startSmtpSink();
    const made = await createTestConfig({ WARDEN_SMTP_URL: sink.url, WARDEN_MAIL_FROM: "ops@example.com" });
    try {
      const result = await runCli(["mail", "test", "ops-check@example.com"], made.env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Server answered: 250/);
      const mail = await sink.waitFor((m) => m.to.includes("ops-check@example.com"));
      expect(mail.subject).toBe("Warden test message");
      expect(mail.text).toContain("mail is configured");
      expect(mail.html).toContain("<p>");
      expect(result.stdout).toContain(mail.messageId);
    } finally {
      await made.dispose();
      await sink.close();
    }
  }, 120_000);

  it("says so, and exits non-zero, when no SMTP server is configured", async () => {
    const made = await createTestConfig();
    try {
      const result = await runCli(["mail", "test", "ops-check@example.com"], made.env);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("no SMTP server is configured");
    } finally {
      await made.dispose();
    }
  }, 120_000);
});
