import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { DESKTOP_VIEWPORT, launchBrowser, type TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn, signOut } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const invitedPassword = "violet kettle marching upstream";

describe("invitations, mail preferences and webhooks in the settings", () => {
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let warden: WardenProcess;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    [sink, receiver] = await Promise.all([startSmtpSink(), startWebhookReceiver()]);
    [warden, browser] = await Promise.all([
      startWarden({ env: { WARDEN_SMTP_URL: sink.url, WARDEN_WEBHOOK_ALLOW_LOOPBACK: "on" } }),
      launchBrowser(),
    ]);
    ({ page } = await browser.newPage({ viewport: DESKTOP_VIEWPORT }));
    await completeSetup(page, warden.setupUrl as string, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    await receiver?.close();
    await sink?.close();
  });

  it("invites a user, who sets a password from the mailed link and signs in", async () => {
    await page.goto(`${warden.url}/settings/users`);
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a user" });
    await dialog.getByLabel("Full name").fill("Ines Invited");
    await dialog.getByLabel("Email").fill("ines@example.test");
    expect(await dialog.getByLabel("Starting password").count()).toBe(0);
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText("An invitation was mailed to ines@example.test").waitFor();
    const pending = page.getByRole("region", { name: "Pending invitations" });
    await pending.getByRole("cell", { name: "ines@example.test" }).waitFor();
    await saveScreenshot(page, "users-pending-invitation-desktop");

    const mail = await sink.waitFor((m) => m.to.includes("ines@example.test"));
    const link = /http:\/\/127\.0\.0\.1:\d+\/set-password#[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await signOut(page);
    await page.goto(link!);
    await page.getByRole("heading", { name: "Set your password" }).waitFor();
    await page.getByLabel("Password", { exact: true }).fill("password");
    await page.getByLabel("Repeat the password").fill("password");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    await page.getByLabel("Password", { exact: true }).fill(invitedPassword);
    await page.getByLabel("Repeat the password").fill(invitedPassword);
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByRole("heading", { name: "Your password is set" }).waitFor();
    await saveScreenshot(page, "set-password-done-desktop");
    await page.getByRole("link", { name: "Sign in" }).click();
    await signIn(page, warden.url, { email: "ines@example.test", password: invitedPassword });
    await signOut(page);

    // The same link does not work twice.
    await page.goto(link!);
    await page.getByLabel("Password", { exact: true }).fill(invitedPassword);
    await page.getByLabel("Repeat the password").fill(invitedPassword);
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByText("was used already").waitFor();
    await signIn(page, warden.url, admin);
  });

  it("keeps your mail preferences", async () => {
    await page.goto(`${warden.url}/settings/mail`);
    await page.getByRole("checkbox", { name: "A leak case opened" }).uncheck();
    await page.getByLabel("When").selectOption("digest");
    await page.getByLabel("Digest hour").selectOption("9");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Your mail preferences are saved.").waitFor();
    await page.reload();
    expect(await page.getByRole("checkbox", { name: "A leak case opened" }).isChecked()).toBe(false);
    expect(await page.getByLabel("Digest hour").inputValue()).toBe("9");
  });

  it("adds a webhook, shows its secret once, refuses a private address, and logs a test delivery", async () => {
    await page.goto(`${warden.url}/settings/webhooks`);
    await page.getByLabel("URL").fill("https://10.1.2.3/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page
      .getByText(/The url is refused: 10\.1\.2\.3 is a link-local, private or reserved address/)
      .waitFor();

    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("checkbox", { name: "vendor.created" }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("Copy the signing secret now").waitFor();
    expect(await page.getByText(/whsec_[\w-]+/).count()).toBeGreaterThan(0);

    const hook = page.getByRole("region", { name: `Webhook ${receiver.url}` });
    await hook.getByRole("button", { name: "Send test event" }).click();
    await receiver.waitFor((r) => r.headers["x-warden-event"] === "webhook.test");
    await hook.getByRole("button", { name: "Deliveries" }).click();
    await hook.getByRole("cell", { name: "webhook.test" }).waitFor();
    await hook
      .getByRole("cell", { name: "delivered" })
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        // The log was read before the answer was recorded: read it again.
        await hook.getByRole("button", { name: "Hide deliveries" }).click();
        await hook.getByRole("button", { name: "Deliveries" }).click();
        await hook.getByRole("cell", { name: "delivered" }).waitFor();
      });
    await saveScreenshot(page, "webhooks-desktop");
  });
});
