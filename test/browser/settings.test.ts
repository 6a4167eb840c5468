import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import {
  DESKTOP_VIEWPORT,
  launchBrowser,
  PHONE_VIEWPORT,
  type TestBrowser,
} from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const password = "a long enough password 42";
const EXTRA_USERS = 24; // with the admin: 25 users, two pages of 20

describe("settings pages", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let page: Page;
  let api: ApiSession;

  beforeAll(async () => {
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    ({ page } = await browser.newPage());
    await completeSetup(page, warden.setupUrl as string, admin);
    api = await apiSession(warden.url, admin);
    for (let i = 1; i <= EXTRA_USERS; i++) {
      const n = String(i).padStart(2, "0");
      await api.post("/api/users", {
        email: `person${n}@example.test`,
        name: `Person ${n}`,
        role: i % 2 ? "legal" : "finance",
        password,
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("pages through users, and Back returns to the previous page", async () => {
    await page.goto(`${warden.url}/settings/users`);
    const summary = page.getByRole("navigation", { name: "Pages of users" });
    await summary.getByText(`1–20 of ${EXTRA_USERS + 1} users`).waitFor();
    expect(await summary.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);

    await summary.getByRole("button", { name: "Next" }).click();
    await summary.getByText(`21–${EXTRA_USERS + 1} of ${EXTRA_USERS + 1} users`).waitFor();
    expect(new URL(page.url()).searchParams.get("offset")).toBe("20");
    expect(await summary.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await saveScreenshot(page, "users-page-2-desktop");

    await page.goBack();
    await summary.getByText(`1–20 of ${EXTRA_USERS + 1} users`).waitFor();
    // Every settings tab an admin has is in sight at 1280 px, none scrolled away.
    const tabs = page.getByRole("navigation", { name: "Settings sections" }).getByRole("link");
    expect(await tabs.count()).toBe(8);
    for (const box of await Promise.all((await tabs.all()).map((tab) => tab.boundingBox()))) {
      expect(box!.x + box!.width).toBeLessThanOrEqual(DESKTOP_VIEWPORT.width);
    }
  });

  it("disables a user only after confirmation, which ends their sign-in, and enables them again", async () => {
    await page.goto(`${warden.url}/settings/users?q=person07`);
    const row = page.getByRole("row").filter({ hasText: "person07@example.test" });
    await row.getByText("Active").waitFor();

    await row.getByRole("button", { name: "Disable Person 07" }).click();
    const confirm = page.getByRole("dialog", { name: "Disable this user?" });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await saveScreenshot(page, "confirm-disable-desktop", { fullPage: false });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await row.getByText("Active").count()).toBe(1);

    await row.getByRole("button", { name: "Disable Person 07" }).click();
    await confirm.getByRole("button", { name: "Disable" }).click();
    await row.getByText("Disabled").waitFor();
    await expect(apiSession(warden.url, { email: "person07@example.test", password })).rejects.toThrow(/401/);

    await row.getByRole("button", { name: "Enable Person 07" }).click();
    await page
      .getByRole("dialog", { name: "Enable this user?" })
      .getByRole("button", { name: "Enable" })
      .click();
    await row.getByText("Active").waitFor();
    await apiSession(warden.url, { email: "person07@example.test", password });
  });

  it("gives a vendor contact an account by picking their vendor, subcontractors included", async () => {
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Kestrel Offshore",
      country: "IN",
    });
    const sub = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Kestrel Sub Labs",
      country: "VN",
      parentVendorId: vendor.id,
    });
    await page.goto(`${warden.url}/settings/users`);
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Full name").fill("Vera Vendor");
    await dialog.getByLabel("Email").fill("vera@kestrel.example");
    await dialog.getByLabel("Role").selectOption("vendor");
    const vendorField = dialog.getByLabel("Vendor", { exact: true });
    await vendorField.locator("option", { hasText: "Kestrel Sub Labs" }).waitFor({ state: "attached" });
    expect(await vendorField.locator("option", { hasText: "Kestrel Offshore" }).count()).toBe(1);
    await dialog.getByLabel("Starting password").fill(password);

    await dialog.getByRole("button", { name: "Create user" }).click();
    await dialog.getByText("Choose the vendor this person works for.").waitFor();
    await vendorField.selectOption({ label: "Kestrel Sub Labs" });
    await dialog.getByRole("button", { name: "Create user" }).click();
    await dialog.waitFor({ state: "hidden" });

    const users = await api.get<{ items: { email: string; role: string; vendorId: string | null }[] }>(
      "/api/users?q=vera%40kestrel",
    );
    expect(users.items).toEqual([expect.objectContaining({ role: "vendor", vendorId: sub.id })]);
  });

  it("shows a new API token's secret once, copies it, and revokes the token", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: warden.url });
    await page.goto(`${warden.url}/settings/tokens`);
    await page.getByText("You have no API tokens.").waitFor();
    await page.getByLabel("Token name").fill("CI pipeline");
    await page.getByLabel("Expires").selectOption("30");
    await page.getByRole("button", { name: "Create token" }).click();

    const secretBox = page.getByLabel("Token secret");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^wdn_/);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await saveScreenshot(page, "token-created-desktop");

    const withToken = () =>
      fetch(`${warden.url}/api/tokens`, { headers: { authorization: `Bearer ${secret}` } }).then(
        (r) => r.status,
      );
    expect(await withToken()).toBe(200);

    await page.getByRole("button", { name: "I have stored it" }).click();
    await secretBox.waitFor({ state: "detached" });
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: "CI pipeline" });
    await row.getByText("Active").waitFor();
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: "Revoke CI pipeline" }).click();
    await page
      .getByRole("dialog", { name: "Revoke this token?" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await row.getByText("Revoked").waitFor();
    expect(await withToken()).toBe(401);
  });

  it("lists the audit log and verifies its hash chain", async () => {
    await page.goto(`${warden.url}/settings/audit-log`);
    await page.getByRole("cell", { name: "user.disable" }).first().waitFor();
    await page.getByRole("button", { name: "Verify chain" }).click();
    const verdict = page.getByRole("status").filter({ hasText: "The chain is intact" });
    await verdict.waitFor();
    // Reads add no entries, so the log's size now is what the check walked.
    const { total } = await api.get<{ total: number }>("/api/audit?limit=1");
    expect(await verdict.textContent()).toContain(`All ${total} entries check out`);
    await saveScreenshot(page, "audit-log-desktop");
  });

  it("fits a phone: no page scrolls sideways, wide tables scroll inside their frame", async () => {
    await page.setViewportSize(PHONE_VIEWPORT);
    try {
      for (const [path, ready] of [
        ["/settings/users", "Users"],
        ["/settings/tokens", "API tokens"],
        ["/settings/audit-log", "Audit log"],
      ] as const) {
        await page.goto(`${warden.url}${path}`);
        await page.getByRole("heading", { name: ready, level: 2 }).waitFor();
        await page.getByRole("table").first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
        await saveScreenshot(page, `${path.split("/").pop()}-phone`);
      }
      await page.goto(`${warden.url}/settings/users`);
      await page.getByRole("button", { name: "New user" }).click();
      await page.getByRole("dialog", { name: "New user" }).waitFor();
      await saveScreenshot(page, "new-user-dialog-phone", { fullPage: false });
      await page.keyboard.press("Escape");
    } finally {
      await page.setViewportSize(DESKTOP_VIEWPORT);
    }
  });

  it("sends you to sign in when the session ends mid-visit, and says why", async () => {
    await page.goto(`${warden.url}/settings/tokens`);
    await page.getByRole("heading", { name: "API tokens", level: 2 }).waitFor();
    await page.context().clearCookies();
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByText("Your session ended. Sign in again to continue where you were.").waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/settings/audit-log");
    await signIn(page, warden.url, admin);
    await page.waitForURL(/\/settings\/audit-log$/);
  });

  it("keeps the page after an expired session: sign-in returns to where you were", async () => {
    await page.context().clearCookies();
    await page.goto(`${warden.url}/settings/audit-log?offset=25`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/settings/audit-log?offset=25");
    await saveScreenshot(page, "login-desktop");
    await signIn(page, warden.url, admin);
    await page.waitForURL(/\/settings\/audit-log\?offset=25$/);
  });

  it("tells a throttled user plainly to wait, and until when", async () => {
    const other = await browser.newPage();
    await other.page.goto(`${warden.url}/login`);
    let message = "";
    for (let attempt = 1; attempt <= 8 && !message.includes("Too many attempts"); attempt++) {
      await other.page.getByLabel("Email").fill("person01@example.test");
      await other.page.getByLabel("Password").fill(`wrong password ${attempt}`);
      await other.page.getByRole("button", { name: "Sign in" }).click();
      const alert = other.page.getByRole("alert");
      await alert.filter({ hasText: attempt === 1 ? /wrong email/i : /./ }).waitFor();
      await other.page.getByRole("button", { name: "Sign in" }).and(other.page.locator(":enabled")).waitFor();
      message = (await alert.textContent()) ?? "";
    }
    expect(message).toContain("Too many attempts");
    expect(message).toMatch(/You can try again after \d{1,2}:\d{2}/);
    await saveScreenshot(other.page, "login-throttled-desktop");
    await other.page.context().close();
  });
});
