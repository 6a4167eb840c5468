import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobQueue } from "../../src/jobs/job-queue.ts";
import { sendMailJob } from "../../src/jobs/send-mail-job.ts";
import { createApp } from "../../src/server/app.ts";
import type { PublicUser } from "../../src/services/users/public-user.ts";
import { makeUser, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely; each test asserts the fields it needs
type Json = Record<string, any>;

const NEW_PASSWORD = "violet kettle marching upstream";

describe("invitations, end to end through the API", () => {
  let sink: SmtpSink;
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let queue: JobQueue;
  let admin: PublicUser;
  let clock = new Date();

  async function signIn(email: string, password: string): Promise<{ client: TestClient; status: number }> {
    const client = new TestClient(app);
    return { client, status: (await client.login(email, password)).status };
  }

  async function invite(email: string): Promise<Response> {
    const { client } = await signIn(admin.email, TEST_PASSWORD);
    return client.request("POST", "/api/users", {
      email,
      name: "Invited Person",
      role: "security",
      invite: true,
    });
  }

  /** The token from the newest invitation mailed to an address. */
  async function tokenMailedTo(email: string, after = 0): Promise<string> {
    const mail = await sink.waitFor((m) => m.to.includes(email) && sink.messages.indexOf(m) >= after);
    expect(mail.subject).toBe("You are invited to Warden");
    const link = /https:\/\/warden\.example\/set-password#([\w-]+)/.exec(mail.text);
    expect(link, "the text part has the link").toBeTruthy();
    expect(mail.html).toContain(`href="${link![0]}"`);
    return link![1]!;
  }

  const accept = (token: string, password = NEW_PASSWORD) =>
    new TestClient(app).request("POST", "/api/invitations/accept", { token, password });

  beforeAll(async () => {
    sink = await startSmtpSink();
    runtime = await createTestRuntime({
      now: () => clock,
      env: { WARDEN_SMTP_URL: sink.url, WARDEN_PUBLIC_URL: "https://warden.example" },
    });
    app = createApp(runtime);
    queue = await JobQueue.start(runtime, { work: true, jobs: [sendMailJob], pollingIntervalSeconds: 0.5 });
    admin = await makeUser(runtime, "admin");
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await runtime?.close();
    await sink?.close();
  });

  it("invites a user by mail; the link sets their password once, and then they sign in", async () => {
    const res = await invite("ines@example.com");
    expect(res.status).toBe(201);
    const user = (await res.json()) as Json;
    expect(user).toMatchObject({ email: "ines@example.com", role: "security" });
    const token = await tokenMailedTo("ines@example.com");
    const stored = await runtime.db
      .selectFrom("user_invitations")
      .selectAll()
      .where("user_id", "=", user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_sha256).not.toContain(token);
    // The mailed copy of the link is sealed at rest too.
    const bodies = await runtime.db.selectFrom("mail_messages").select(["text_body", "html_body"]).execute();
    expect(bodies.length).toBeGreaterThan(0);
    expect(JSON.stringify(bodies)).not.toContain(token);
    expect(stored[0]!.expires_at.getTime() - clock.getTime()).toBe(72 * 3_600_000);

    const { client } = await signIn(admin.email, TEST_PASSWORD);
    const pending = ((await (await client.request("GET", "/api/invitations")).json()) as Json)
      .items as Json[];
    expect(pending.map((p) => p.email)).toContain("ines@example.com");

    const weak = await accept(token, "password1234");
    expect(weak.status).toBe(400);
    expect(JSON.stringify(await weak.json())).toContain("password");
    expect((await accept(token)).status).toBe(200);
    expect((await signIn("ines@example.com", NEW_PASSWORD)).status).toBe(200);

    const reused = await accept(token, "another long passphrase here");
    expect(reused.status).toBe(400);
    expect(JSON.stringify(await reused.json())).toContain("used already");
    const after = ((await (await client.request("GET", "/api/invitations")).json()) as Json).items as Json[];
    expect(after.map((p) => p.email)).not.toContain("ines@example.com");
    const audit = await runtime.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", user.id)
      .where("action", "like", "user.%")
      .orderBy("seq")
      .execute();
    expect(audit.map((e) => e.action)).toEqual(["user.invite", "user.invite.accept"]);
  });

  it("refuses an expired link, and a re-sent invitation replaces the old link", async () => {
    const res = await invite("oskar@example.com");
    const user = (await res.json()) as Json;
    const first = await tokenMailedTo("oskar@example.com");
    clock = new Date(clock.getTime() + 73 * 3_600_000);
    const expired = await accept(first);
    expect(expired.status).toBe(400);
    expect(JSON.stringify(await expired.json())).toContain("expired");
    const { client } = await signIn(admin.email, TEST_PASSWORD);
    const listed = ((await (await client.request("GET", "/api/invitations")).json()) as Json).items as Json[];
    expect(listed.find((p) => p.email === "oskar@example.com")).toMatchObject({ expired: true });

    const count = sink.messages.length;
    const resent = await client.request("POST", `/api/users/${user.id}/invitation`);
    expect(resent.status).toBe(200);
    const second = await tokenMailedTo("oskar@example.com", count);
    expect(second).not.toBe(first);
    const replaced = await accept(first);
    expect(JSON.stringify(await replaced.json())).toMatch(/replaced|expired/);
    expect((await accept(second)).status).toBe(200);
    expect((await signIn("oskar@example.com", NEW_PASSWORD)).status).toBe(200);
    expect((await client.request("POST", `/api/users/${user.id}/invitation`)).status).toBe(409);
  });

  it("refuses an invitation with a password, a password-less user without invite, and a non-admin", async () => {
    const { client } = await signIn(admin.email, TEST_PASSWORD);
    const both = await client.request("POST", "/api/users", {
      email: "both@example.com",
      name: "Both",
      role: "legal",
      invite: true,
      password: NEW_PASSWORD,
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(await both.json())).toContain("password");
    const neither = await client.request("POST", "/api/users", {
      email: "neither@example.com",
      name: "N",
      role: "legal",
    });
    expect(neither.status).toBe(400);
    const security = await makeUser(runtime, "security");
    const { client: other } = await signIn(security.email, TEST_PASSWORD);
    expect(
      (
        await other.request("POST", "/api/users", {
          email: "x@example.com",
          name: "X",
          role: "legal",
          invite: true,
        })
      ).status,
    ).toBe(403);
    expect((await other.request("GET", "/api/invitations")).status).toBe(403);
    const users = await runtime.db
      .selectFrom("users")
      .select("email")
      .where("email", "in", ["both@example.com", "neither@example.com", "x@example.com"])
      .execute();
    expect(users).toEqual([]);
  });
});
