import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const contact = { email: "kenji@sakura.example", password: "a long enough password 42" };
const reviewer = { email: "sam@example.test", password: "another long password 42" };

function isoDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

describe("vendor portal roster changes in the browser", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let vendorPage: Page;
  let securityPage: Page;
  let api: ApiSession;
  let vendorId: string;

  beforeAll(async () => {
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    const setupPage = await browser.newPage();
    await completeSetup(setupPage.page, warden.setupUrl as string, admin);
    await setupPage.page.context().close();
    api = await apiSession(warden.url, admin);
    ({ id: vendorId } = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Sakura Systems K.K.",
      country: "JP",
    }));
    await api.post("/api/engagements", { vendorId, name: "Billing rewrite" });
    await api.post("/api/users", { ...contact, name: "Kenji Sato", role: "vendor", vendorId });
    await api.post("/api/users", { ...reviewer, name: "Sam Security", role: "security" });
    ({ page: vendorPage } = await browser.newPage());
    ({ page: securityPage } = await browser.newPage());
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("lets the vendor propose a joiner, showing what is wrong with the form first", async () => {
    await signIn(vendorPage, warden.url, contact);
    await vendorPage.getByRole("heading", { name: "Vendor portal", level: 1 }).waitFor();
    await vendorPage.getByText("No roster change proposed yet.").waitFor();
    await vendorPage.getByRole("button", { name: "Propose a joiner" }).click();
    const dialog = vendorPage.getByRole("dialog", { name: "Propose a joiner" });
    await dialog.getByLabel("Full name").fill("Yui Tanaka");
    await dialog.getByLabel("Start date").fill(isoDate(7));
    await dialog.getByLabel("NDA expires on").fill(isoDate(700));
    await dialog.getByRole("button", { name: "Send for review" }).click();
    await dialog.getByText("Is required when an NDA expiry is given").waitFor();

    await dialog.getByLabel("NDA signed on").fill(isoDate(-1));
    await dialog.getByLabel("Email").fill("yui@sakura.example");
    await dialog.getByLabel("Role").fill("Backend engineer");
    await dialog.getByLabel("Billing rewrite").check();
    await dialog.getByRole("button", { name: "Send for review" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = vendorPage
      .getByRole("table", { name: "Your roster changes" })
      .getByRole("row", { name: /Yui Tanaka/ });
    await row.getByText("Waiting for review").waitFor();
    expect(await row.textContent()).toContain("Billing rewrite");
    // Nothing is on the roster before the review.
    await vendorPage.getByText("Nobody on the roster yet.", { exact: true }).waitFor();
    await saveScreenshot(vendorPage, "vendor-portal-joiner-pending-desktop");
  });

  it("lets the security team approve it, and the person shows in the roster", async () => {
    await signIn(securityPage, warden.url, reviewer);
    await securityPage.goto(`${warden.url}/vendors/${vendorId}?tab=roster`);
    const queue = securityPage.getByRole("region", { name: "Roster changes to review (1)" });
    await queue.getByText("Yui Tanaka").waitFor();
    await securityPage.getByText("Nobody on the roster yet: import a CSV below.").waitFor();
    await saveScreenshot(securityPage, "roster-review-queue-desktop");
    await queue.getByRole("button", { name: "Approve Yui Tanaka" }).click();
    const roster = securityPage.getByRole("table", { name: "Roster", exact: true });
    await roster.getByText("Yui Tanaka").waitFor();
    await queue.waitFor({ state: "detached" });

    await vendorPage.reload();
    await vendorPage
      .getByRole("table", { name: "Your roster changes" })
      .getByRole("row", { name: /Yui Tanaka/ })
      .getByText("Approved")
      .waitFor();
    await vendorPage.getByRole("table", { name: "Roster", exact: true }).getByText("Yui Tanaka").waitFor();
  });
});
