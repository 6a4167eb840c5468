import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiSession } from "./harness/api-session.ts";
import { DESKTOP_VIEWPORT, PHONE_VIEWPORT, type TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import type { WardenProcess } from "./harness/start-warden.ts";
import { signIn } from "./harness/ui-session.ts";
import { SECURITY, startWorkspace } from "./harness/workspace.ts";

interface Policy {
  maxAuditNoticeDays: number;
  requiredInsurance: { type: string; minimum: { value: number; currency: string } | null }[];
}

describe("contract policy settings", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let adminPage: Page;
  let adminProblems: string[];
  let api: ApiSession;

  beforeAll(async () => {
    const workspace = await startWorkspace();
    ({ warden, browser, adminApi: api } = workspace);
    ({ page: adminPage, problems: adminProblems } = workspace.adminPage);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  const openPolicy = async (page: Page) => {
    await page.goto(`${warden.url}/settings/contract-policy`);
    await page.getByRole("heading", { name: "Contract policy", level: 2 }).waitFor();
    await page.getByRole("heading", { name: /^CT-6/ }).waitFor();
  };
  const line = (page: Page, n: number) => page.getByRole("group", { name: `Insurance line ${n}` });

  it("lets an admin change the audit notice and add an insurance line, which a reload shows", async () => {
    await adminPage.getByRole("link", { name: "Settings" }).click();
    await adminPage
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name: "Contract policy" })
      .click();
    await adminPage.getByRole("heading", { name: /^CT-6/ }).waitFor();
    expect(await adminPage.getByText("An audit may need at most 30 days' notice").count()).toBe(1);
    expect(await line(adminPage, 2).getByLabel("Type").inputValue()).toBe("cyber-liability");

    await adminPage.getByLabel("Longest audit notice (days)").fill("10");
    await adminPage.getByRole("button", { name: "Add an insurance line" }).click();
    // The new line's type takes the focus, so the keyboard carries on there.
    expect(
      await line(adminPage, 3)
        .getByLabel("Type")
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await line(adminPage, 3).getByLabel("Type").selectOption({ label: "Crime and fidelity" });
    await line(adminPage, 3).getByLabel("Minimum amount").fill("250000");
    await line(adminPage, 3).getByLabel("Currency").fill("eur");
    await adminPage.getByRole("button", { name: "Save policy" }).click();
    await adminPage.getByRole("status").filter({ hasText: "Contract policy saved" }).waitFor();

    const saved = await api.get<Policy>("/api/settings/contract-policy");
    expect(saved.maxAuditNoticeDays).toBe(10);
    expect(saved.requiredInsurance).toContainEqual({
      type: "crime-fidelity",
      minimum: { value: 250_000, currency: "EUR" },
    });

    await adminPage.reload();
    await adminPage.getByRole("heading", { name: /^CT-6/ }).waitFor();
    expect(await adminPage.getByLabel("Longest audit notice (days)").inputValue()).toBe("10");
    expect(await line(adminPage, 3).getByLabel("Type").inputValue()).toBe("crime-fidelity");
    expect(await line(adminPage, 3).getByLabel("Minimum amount").inputValue()).toBe("250000");
    expect(await line(adminPage, 3).getByLabel("Currency").inputValue()).toBe("EUR");
    await adminPage.getByText("An audit may need at most 10 days' notice").waitFor();
    await adminPage.getByText(/crime and fidelity of at least EUR 250,000/).waitFor();
    await saveScreenshot(adminPage, "contract-policy-admin-desktop");
  });

  it("refuses a bad currency next to its field, saves nothing, and keeps what was typed", async () => {
    await openPolicy(adminPage);
    const before = await api.get<Policy>("/api/settings/contract-policy");
    await adminPage.getByLabel("Longest audit notice (days)").fill("20");
    await line(adminPage, 3).getByLabel("Currency").fill("usd1");
    await adminPage.getByRole("button", { name: "Save policy" }).click();

    const alert = adminPage.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Check the highlighted fields.");
    const currency = line(adminPage, 3).getByLabel("Currency");
    expect(await currency.getAttribute("aria-invalid")).toBe("true");
    // The error is tied to the field, and says what to type instead.
    const describedBy = (await currency.getAttribute("aria-describedby")) ?? "";
    const errorText = await adminPage.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
      describedBy.split(" "),
    );
    expect(errorText).toContain("“usd1” is not a currency code: use three letters, such as USD, EUR or GBP.");
    expect(await currency.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await adminPage.getByLabel("Longest audit notice (days)").inputValue()).toBe("20");
    expect(await line(adminPage, 1).getByLabel("Currency").getAttribute("aria-invalid")).toBeNull();
    await saveScreenshot(adminPage, "contract-policy-refused-desktop");

    expect(await api.get<Policy>("/api/settings/contract-policy")).toEqual(before);
    await adminPage.reload();
    await adminPage.getByRole("heading", { name: /^CT-6/ }).waitFor();
    expect(await adminPage.getByLabel("Longest audit notice (days)").inputValue()).toBe("10");
    expect(await line(adminPage, 3).getByLabel("Currency").inputValue()).toBe("EUR");
  });

  it("removes an insurance line and hands the focus to Add", async () => {
    await openPolicy(adminPage);
    await adminPage.getByRole("button", { name: "Remove insurance line 3 (Crime and fidelity)" }).click();
    expect(await line(adminPage, 3).count()).toBe(0);
    expect(
      await adminPage
        .getByRole("button", { name: "Add an insurance line" })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await adminPage.getByRole("button", { name: "Save policy" }).click();
    await adminPage.getByRole("status").filter({ hasText: "Contract policy saved" }).waitFor();
    const saved = await api.get<Policy>("/api/settings/contract-policy");
    expect(saved.requiredInsurance.map((l) => l.type)).toEqual(["professional-liability", "cyber-liability"]);
    // The session probe before setup answers 401 and the refused save 400, as they should.
    expect(adminProblems.filter((p) => !/status of (400|401)/.test(p))).toEqual([]);
  });

  it("shows a security user the policy in words, read-only", async () => {
    const { page, problems } = await browser.newPage();
    await signIn(page, warden.url, SECURITY);
    await openPolicy(page);
    await page.getByText("An audit may need at most 10 days' notice").waitFor();
    await page.getByText("Only an admin can change the policy.").waitFor();
    await page.getByText("Home country: United States (US)").waitFor();
    expect(await page.getByRole("button", { name: "Save policy" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add an insurance line" }).count()).toBe(0);
    expect(await page.locator("main input, main select").count()).toBe(0);
    await saveScreenshot(page, "contract-policy-read-only-desktop");
    await page.getByRole("link", { name: "playbook settings" }).click();
    await page.waitForURL(/\/settings\/playbook$/);
    expect(problems.filter((p) => !p.includes("status of 401"))).toEqual([]);
    await page.context().close();
  });

  it("fits a phone: nothing scrolls sideways", async () => {
    await adminPage.setViewportSize(PHONE_VIEWPORT);
    try {
      await openPolicy(adminPage);
      const overflow = await adminPage.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(adminPage, "contract-policy-admin-phone");
    } finally {
      await adminPage.setViewportSize(DESKTOP_VIEWPORT);
    }
  });
});
