import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toIsoDate } from "../../src/domain/dates.ts";
import { EVENT_KINDS } from "../../src/domain/event-kinds.ts";
import { deliverWebhookJob } from "../../src/jobs/deliver-webhook-job.ts";
import { dispatchEventsJob } from "../../src/jobs/dispatch-events-job.ts";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { refreshEvaluationsJob } from "../../src/jobs/refresh-evaluations-job.ts";
import { sendMailJob } from "../../src/jobs/send-mail-job.ts";
import { createApp } from "../../src/server/app.ts";
import { refreshEvaluations } from "../../src/services/playbook/refresh-evaluations.ts";
import { createTemplate } from "../../src/services/questionnaires/questionnaire-templates.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import {
  contextFor,
  makeEngagement,
  makeUser,
  smallQuestionnaireDefinition,
  TEST_PASSWORD,
} from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { answerAndSubmitByLink } from "../support/questionnaire-world.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; each test asserts the fields it needs
type Json = Record<string, any>;

describe("signed webhooks to a real receiver", () => {
  let receiver: WebhookReceiver;
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let queue: JobQueue;
  let admin: PublicUser;
  let security: PublicUser;
  let vendorContact: PublicUser;
  let a: { vendorId: string; engagementId: string };
  let hook: { id: string; secret: string };

  async function signIn(user: PublicUser): Promise<TestClient> {
    const client = new TestClient(app);
    expect((await client.login(user.email, TEST_PASSWORD)).status).toBe(200);
    return client;
  }

  const verify = (secret: string, body: string) =>
    `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Loopback is allowed here only because the receiver runs on this machine.
    runtime = await createTestRuntime({ env: { WARDEN_WEBHOOK_ALLOW_LOOPBACK: "on" } });
    app = createApp(runtime);
    queue = await JobQueue.start(runtime, {
      work: true,
      jobs: [deliverWebhookJob, sendMailJob, dispatchEventsJob, refreshEvaluationsJob],
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    admin = await makeUser(runtime, "admin");
    security = await makeUser(runtime, "security");
    a = await makeEngagement(runtime, { name: "Vendor A" });
    vendorContact = await makeUser(runtime, "vendor", { vendorId: a.vendorId });
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await runtime?.close();
    await receiver?.close();
  });

  it("registers a webhook for admins only, shows its secret once and keeps it encrypted", async () => {
    const client = await signIn(admin);
    const res = await client.request("POST", "/api/webhooks", {
      url: receiver.url,
      events: [...EVENT_KINDS],
    });
    expect(res.status).toBe(201);
    hook = (await res.json()) as { id: string; secret: string };
    expect(hook.secret).toMatch(/^whsec_[\w-]{40,}$/);
    const stored = await runtime.db
      .selectFrom("webhooks")
      .selectAll()
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(hook.secret);
    expect(runtime.secrets.open(stored.secret_sealed)).toBe(hook.secret);
    const list = await (await client.request("GET", "/api/webhooks")).text();
    expect(list).toContain(hook.id);
    expect(list).not.toContain(hook.secret);

    expect(
      (
        await (
          await signIn(security)
        ).request("POST", "/api/webhooks", { url: receiver.url, events: ["gate.changed"] })
      ).status,
    ).toBe(403);
    const unknownEvent = await client.request("POST", "/api/webhooks", {
      url: receiver.url,
      events: ["gate.opened"],
    });
    expect(unknownEvent.status).toBe(400);
    expect(JSON.stringify(await unknownEvent.json())).toContain("events");
  });

  it("refuses metadata, link-local, private and plain-http addresses when registering", async () => {
    const client = await signIn(admin);
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "https://169.254.169.254/",
      "https://[fd00:ec2::254]/",
      "https://10.0.0.5/hook",
      "https://192.168.1.20/hook",
      "https://[::ffff:172.16.0.1]/hook",
      "http://hooks.example.com/warden",
      "ftp://hooks.example.com/warden",
    ]) {
      const res = await client.request("POST", "/api/webhooks", { url, events: ["vendor.created"] });
      expect(res.status, url).toBe(400);
      const problem = (await res.json()) as Json;
      expect(JSON.stringify(problem), url).toContain("url");
    }
    expect(await runtime.db.selectFrom("webhooks").select("id").execute()).toHaveLength(1);
  });

  it("posts events from real actions, each signed with the secret", async () => {
    const client = await signIn(security);
    const vendor = (await (
      await client.request("POST", "/api/vendors", { legalName: "Hooked Vendor Ltd", country: "IN" })
    ).json()) as Json;
    expect(vendor.id).toBeTruthy();
    const person = await client.request("POST", `/api/vendors/${a.vendorId}/people`, {
      fullName: "Dev One",
      startDate: toIsoDate(runtime.now()),
    });
    expect(person.status).toBe(201);
    const milestone = (await (
      await client.request("POST", `/api/engagements/${a.engagementId}/milestones`, {
        title: "M1",
        amount: 10,
        currency: "USD",
      })
    ).json()) as Json;
    await client.request("POST", `/api/milestones/${milestone.id}/deliver`, { note: "zip" });
    expect(
      (
        await client.request("POST", `/api/milestones/${milestone.id}/decide`, {
          accept: false,
          reason: "broken",
        })
      ).status,
    ).toBe(200);
    const second = (await (
      await client.request("POST", `/api/engagements/${a.engagementId}/milestones`, {
        title: "M2",
        amount: 10,
        currency: "USD",
      })
    ).json()) as Json;
    await client.request("POST", `/api/milestones/${second.id}/deliver`, { note: "zip" });
    expect(
      (
        await client.request("POST", `/api/milestones/${second.id}/decide`, {
          accept: true,
          reason: "checked by hand",
        })
      ).status,
    ).toBe(200);
    expect(
      (await client.request("POST", "/api/leaks/cases", { title: "Paste", text: "leaked text" })).status,
    ).toBe(201);
    const portal = await signIn(vendorContact);
    expect(
      (
        await portal.request("POST", "/api/portal/roster-requests/joiners", {
          fullName: "Dev Two",
          startDate: toIsoDate(runtime.now()),
        })
      ).status,
    ).toBe(201);
    expect((await client.request("DELETE", `/api/vendors/${vendor.id}`)).status).toBe(200);
    // A control that moved since the stored evaluation.
    await refreshEvaluations(runtime.db, runtime.now(), [a.engagementId]);
    await runtime.db
      .updateTable("engagement_evaluations")
      .set({ gate_open: true, control_statuses: JSON.stringify({ "DD-1": "stale" }) })
      .where("engagement_id", "=", a.engagementId)
      .execute();
    await refreshEvaluations(runtime.db, runtime.now(), [a.engagementId]);
    await dispatchEventsJob.run(runtime, {});

    const expected = [
      "vendor.created",
      "vendor.archived",
      "roster.changed",
      "roster.request",
      "delivery.rejected",
      "milestone.decided",
      "leak.opened",
      "gate.changed",
      "control.changed",
    ];
    for (const kind of expected) await receiver.waitFor((r) => r.headers["x-warden-event"] === kind);
    for (const r of receiver.received) {
      expect(r.headers["x-warden-signature"]).toBe(verify(hook.secret, r.body));
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-warden-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(r.body).event).toBe(r.headers["x-warden-event"]);
    }
    // Deliveries are separate jobs: wait for this vendor's own event, not any vendor.created.
    const createdRequest = await receiver.waitFor(
      (r) =>
        r.headers["x-warden-event"] === "vendor.created" &&
        (JSON.parse(r.body) as Json).data.vendorId === vendor.id,
    );
    const created = JSON.parse(createdRequest.body) as Json;
    expect(created.data).toMatchObject({
      vendorId: vendor.id,
      action: "vendor.create",
      summary: { legalName: "Hooked Vendor Ltd" },
    });
    const gateRequest = await receiver.waitFor(
      (r) =>
        r.headers["x-warden-event"] === "gate.changed" &&
        (JSON.parse(r.body) as Json).data.engagementId === a.engagementId,
    );
    expect((JSON.parse(gateRequest.body) as Json).data).toMatchObject({
      engagementId: a.engagementId,
      open: false,
    });
    const control = await receiver.waitFor((r) => {
      const data = (JSON.parse(r.body) as Json).data;
      return (
        r.headers["x-warden-event"] === "control.changed" &&
        data.controlId === "DD-1" &&
        data.from === "stale"
      );
    });
    expect((JSON.parse(control.body) as Json).data).toMatchObject({
      engagementId: a.engagementId,
      vendorId: a.vendorId,
    });
    // Each event once: dispatching again sends none a second time.
    await dispatchEventsJob.run(runtime, {});
    await new Promise((r) => setTimeout(r, 1500));
    const eventIds = receiver.received.map((r) => (JSON.parse(r.body) as Json).eventId);
    expect(new Set(eventIds).size).toBe(eventIds.length);
  }, 120_000);

  it("posts questionnaire.submitted when the vendor submits through the link", async () => {
    const templateId = (await createTemplate(contextFor(runtime, security), smallQuestionnaireDefinition()))
      .id;
    const client = await signIn(security);
    const sent = (await (
      await client.request("POST", "/api/questionnaires", {
        engagementId: a.engagementId,
        templateId,
        recipient: { kind: "link", label: "cto@vendor-a.example" },
      })
    ).json()) as Json;
    const token = sent.link.token as string;
    await answerAndSubmitByLink(app, token);
    await dispatchEventsJob.run(runtime, {});
    const submitted = await receiver.waitFor(
      (r) => r.headers["x-warden-event"] === "questionnaire.submitted",
    );
    expect(submitted.headers["x-warden-signature"]).toBe(verify(hook.secret, submitted.body));
    expect((JSON.parse(submitted.body) as Json).data).toMatchObject({
      vendorId: a.vendorId,
      engagementId: a.engagementId,
      target: { type: "questionnaire_assignment", id: sent.assignment.id },
    });
  });

  it("retries after a 500 with the same delivery id, and logs each attempt's answer", async () => {
    const client = await signIn(admin);
    // The first attempt of each test delivery fails with a 500.
    const failed = new Set<string>();
    receiver.answer = (r) => {
      const id = String(r.headers["x-warden-delivery"]);
      if (r.headers["x-warden-event"] !== "webhook.test" || failed.has(id)) return 200;
      failed.add(id);
      return 500;
    };
    const before = receiver.received.length;
    const sent = await client.request("POST", `/api/webhooks/${hook.id}/test`);
    expect(sent.status).toBe(201);
    const { deliveryId } = (await sent.json()) as { deliveryId: string };
    const deadline = Date.now() + 60_000;
    while (
      receiver.received.slice(before).filter((r) => r.headers["x-warden-delivery"] === deliveryId).length < 2
    ) {
      if (Date.now() > deadline) throw new Error("no retry within 60 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    const attempts = receiver.received.filter((r) => r.headers["x-warden-delivery"] === deliveryId);
    expect(attempts[0]!.body).toBe(attempts[1]!.body);
    expect(attempts[0]!.headers["x-warden-event"]).toBe("webhook.test");
    let log: Json[] = [];
    while (Date.now() < deadline) {
      log = ((await (await client.request("GET", `/api/webhooks/${hook.id}/deliveries`)).json()) as Json)
        .items;
      if (log.find((d) => d.id === deliveryId)?.status === "delivered") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(log.find((d) => d.id === deliveryId)).toMatchObject({
      status: "delivered",
      attempts: 2,
      responseCode: 200,
      responseExcerpt: "ok",
    });
  }, 90_000);

  it("never sends to an address that is refused when sending, and does not retry it", async () => {
    const client = await signIn(admin);
    const other = (await (
      await client.request("POST", "/api/webhooks", { url: receiver.url, events: ["vendor.created"] })
    ).json()) as Json;
    // As if the stored address had been changed to the metadata service behind Warden's back.
    await runtime.db
      .updateTable("webhooks")
      .set({ url: "https://169.254.169.254/latest" })
      .where("id", "=", other.id)
      .execute();
    const before = receiver.received.length;
    const sent = (await (await client.request("POST", `/api/webhooks/${other.id}/test`)).json()) as {
      deliveryId: string;
    };
    let row: Json | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      row = await runtime.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("id", "=", sent.deliveryId)
        .executeTakeFirst();
      if (row?.status !== "pending") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toMatchObject({ status: "refused", attempts: 1, response_code: null });
    expect(row!.error).toContain("169.254.169.254");
    expect(receiver.received.length).toBe(before);
  });

  it("disables, re-enables and deletes a webhook", async () => {
    const client = await signIn(admin);
    const disabled = (await (
      await client.request("PATCH", `/api/webhooks/${hook.id}`, { disabled: true })
    ).json()) as Json;
    expect(disabled.disabled).toBe(true);
    expect((await client.request("POST", `/api/webhooks/${hook.id}/test`)).status).toBe(409);
    const before = receiver.received.length;
    await client.request("POST", "/api/vendors", { legalName: "Unheard Vendor", country: "IN" });
    await dispatchEventsJob.run(runtime, {});
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.length).toBe(before);
    expect(
      (
        (await (
          await client.request("PATCH", `/api/webhooks/${hook.id}`, { disabled: false })
        ).json()) as Json
      ).disabled,
    ).toBe(false);
    expect((await client.request("DELETE", `/api/webhooks/${hook.id}`)).status).toBe(200);
    expect((await client.request("GET", `/api/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    const audit = await runtime.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_type", "=", "webhook")
      .execute();
    expect(new Set(audit.map((e) => e.action))).toEqual(
      new Set(["webhook.create", "webhook.update", "webhook.delete", "webhook.test"]),
    );
  });
});
