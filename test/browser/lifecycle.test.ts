import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSession } from "./harness/api-session.ts";
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
const vendorName = "Wisła Software sp. z o.o.";
const engagementName = "Card vault migration";

function isoDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

/** The gate panel's refusal after "Advance to …", as the user reads it. */
async function advanceRefused(page: Page, next: string): Promise<string> {
  await page.getByRole("button", { name: `Advance to ${next}` }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "is blocked" });
  await refusal.waitFor();
  return (await refusal.textContent()) ?? "";
}

async function advance(page: Page, next: string): Promise<void> {
  await page.getByText("Gate open", { exact: true }).waitFor();
  await page.getByRole("button", { name: `Advance to ${next}` }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Moved to ${next}.` })
    .waitFor();
  await page.locator('[aria-current="step"]', { hasText: next }).waitFor();
}

async function setupLink(warden: WardenProcess): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const link = /(https?:\/\/\S+\/setup\?token=\S+)/.exec(warden.output())?.[1];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No setup link printed:\n${warden.output()}`);
}

// One walk on one page: each step starts where the last ended.
describe("engagement lifecycle in the browser", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let page: Page;
  let problems: string[];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warden-lifecycle-"));
    [warden, browser] = await Promise.all([startWarden({ dataDir }), launchBrowser()]);
    ({ page, problems } = await browser.newPage());
    const link = await setupLink(warden);
    // The first page load compiles the server's routes on demand: allow a slow first answer on a busy machine.
    await page.goto(link);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor({ timeout: 90_000 });
    await completeSetup(page, link, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("loads the demo workspace from the empty dashboard and shows stages, the risk heat map and what expires", async () => {
    await page.getByRole("heading", { name: "Nothing to show yet" }).waitFor();
    await page.getByRole("button", { name: "Load demo workspace" }).click();
    await page.getByRole("heading", { name: "Risk by vendor and stage" }).waitFor();

    const heatMap = page.getByRole("table", { name: "Risk by vendor and stage" });
    await heatMap.waitFor();
    const row = heatMap.getByRole("row").filter({ hasText: "Kaveri Software Services Pvt Ltd" });
    // Every filled cell says its level and score in words, not only in colour.
    const shown = await row.getByRole("cell").allInnerTexts();
    expect(shown.some((c) => /^(Low|Medium|High|Critical) \d+(\.\d+)?\s+\d+ engagements?$/.test(c))).toBe(
      true,
    );
    expect((await row.getByRole("cell").allTextContents()).some((c) => c.includes("No engagement"))).toBe(
      true,
    );

    const stages = page.getByRole("region", { name: "Engagements by stage" });
    expect(await stages.getByRole("link").count()).toBe(6);
    await page.getByRole("region", { name: "Blocked gates" }).getByRole("link").first().waitFor();
    await page
      .getByRole("region", { name: "Expiring within 30 days" })
      .getByRole("listitem")
      .first()
      .waitFor();
    await page.getByRole("region", { name: "Turnover trend" }).locator(".recharts-line").waitFor();
    await saveScreenshot(page, "dashboard-demo-desktop");
  }, 180_000);

  it("records a vendor through the UI: details, chain disclosure, insurance and a certification", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Vendors" }).click();
    await page.getByRole("button", { name: "New vendor" }).click();
    const create = page.getByRole("dialog", { name: "New vendor" });
    await create.getByLabel("Legal name").fill(vendorName);
    await create.getByLabel("Country").fill("pl");
    await create.getByLabel("Contact name").fill("Zofia Nowak");
    await create.getByLabel("Contact email").fill("zofia@wisla.example");
    await create.getByRole("button", { name: "Create vendor" }).click();
    await page.getByRole("heading", { name: vendorName, level: 1 }).waitFor();
    await page.getByText("zofia@wisla.example").waitFor();

    await page.getByRole("button", { name: "Record assessment" }).click();
    const assessment = page.getByRole("dialog", { name: "Assessment and chain disclosure" });
    await assessment.getByLabel("Assessed on").fill(isoDate(-3));
    await assessment.getByLabel("Subcontractor chain disclosed on").fill(isoDate(-2));
    await assessment.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/^Disclosed on /)
      .first()
      .waitFor();

    await page.getByRole("button", { name: "Add insurance" }).click();
    const insurance = page.getByRole("dialog", { name: "Add an insurance certificate" });
    await insurance.getByLabel("Insurer").fill("PZU");
    await insurance.getByLabel("Coverage amount").fill("2000000");
    await insurance.getByLabel("Currency").fill("EUR");
    await insurance.getByLabel("Expires on").fill(isoDate(365));
    await insurance.getByRole("button", { name: "Add insurance" }).click();
    await page.getByRole("region", { name: "Insurance" }).getByText("PZU").waitFor();

    // A certification without its expiry is refused at the field, then accepted.
    await page.getByRole("button", { name: "Add certification" }).click();
    const cert = page.getByRole("dialog", { name: "Add a certification" });
    await cert.getByLabel("Certification", { exact: true }).fill("ISO 27001");
    await cert.getByRole("button", { name: "Add certification" }).click();
    const expiry = cert.getByLabel("Expires on");
    await cert.getByRole("alert").filter({ hasText: "Check the highlighted fields." }).waitFor();
    expect(await expiry.getAttribute("aria-invalid")).toBe("true");
    await expiry.fill(isoDate(400));
    await cert.getByRole("button", { name: "Add certification" }).click();
    await page.getByRole("region", { name: "Certifications" }).getByText("ISO 27001").waitFor();
  });

  it("reads a country by its name, refuses one that is none, and asks before a second vendor of a recorded name", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Vendors" }).click();
    await page.getByRole("button", { name: "New vendor" }).click();
    const create = page.getByRole("dialog", { name: "New vendor" });
    await create.getByLabel("Legal name").fill(vendorName);
    await create.getByLabel("Country").fill("Atlantis");
    await create.getByRole("button", { name: "Create vendor" }).click();
    await create
      .getByText(/"Atlantis" is not a country/)
      .first()
      .waitFor();
    // A whole name is kept whole: Ukraine is not cut to UK.
    await create.getByLabel("Country").fill("Ukraine");
    expect(await create.getByLabel("Country").inputValue()).toBe("Ukraine");
    await create.getByRole("button", { name: "Create vendor" }).click();
    await create
      .getByText(/is already recorded/)
      .first()
      .waitFor();
    await create.getByRole("button", { name: "Create anyway" }).waitFor();
    await create.getByRole("button", { name: "Cancel" }).click();
    const list = await page.evaluate(async (name) => {
      const res = await fetch(`/api/vendors?q=${encodeURIComponent(name)}`);
      return (await res.json()) as { items: { legalName: string; country: string }[] };
    }, vendorName);
    expect(list.items.filter((v) => v.legalName === vendorName).map((v) => v.country)).toEqual(["PL"]);
    await page.getByRole("link", { name: vendorName }).first().click();
    await page.getByRole("heading", { name: vendorName, level: 1 }).waitFor();
  });

  it("opens an engagement in due diligence; the gate blocks with DD-1's reason until assets are recorded and classified", async () => {
    await page.getByRole("button", { name: "New engagement" }).click();
    const create = page.getByRole("dialog", { name: `New engagement with ${vendorName}` });
    await create.getByLabel("Name").fill(engagementName);
    await create.getByLabel("Scope").fill("Move the card vault to the new tokenisation service.");
    await create.getByRole("button", { name: "Create engagement" }).click();
    await page.getByRole("heading", { name: engagementName, level: 1 }).waitFor();
    await page.locator('[aria-current="step"]', { hasText: "Due diligence" }).waitFor();

    const firstRefusal = await advanceRefused(page, "Contract");
    expect(firstRefusal).toContain("DD-1 Crown jewels stay home");
    expect(firstRefusal).toContain("No assets recorded");
    await saveScreenshot(page, "engagement-gate-blocked-desktop");

    // The control itself says the same under its stage tab.
    const dd1 = page.locator("#control-DD-1");
    expect(await dd1.textContent()).toContain("No assets recorded");
    expect(await dd1.getByText("Fail", { exact: true }).count()).toBe(1);
    expect(await dd1.getByText("Blocking", { exact: true }).count()).toBe(1);

    const assetForm = page.getByRole("form", { name: "Add an asset" });
    await assetForm.getByLabel("Asset name").fill("card-vault");
    await assetForm.getByLabel("Location").fill("git.internal/payments/card-vault");
    await assetForm.getByRole("button", { name: "Add asset" }).click();
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("row")
      .filter({ hasText: "card-vault" })
      .waitFor();
    await dd1.getByText("Not classified: card-vault.").waitFor();

    const secondRefusal = await advanceRefused(page, "Contract");
    expect(secondRefusal).toContain("Not classified: card-vault.");

    await page.getByLabel("Classification of card-vault").selectOption("confidential");
    await dd1.getByText("Pass", { exact: true }).waitFor();

    // The questionnaire was never sent: DD-2 is not checked yet, and that holds the gate.
    const blockers = page.getByRole("list", { name: "Blocking controls" });
    const dd2 = blockers.getByRole("listitem").filter({ hasText: "DD-2" });
    await dd2.getByText("Not checked yet", { exact: true }).waitFor();
    const fix = dd2.getByRole("link", {
      name: "Send the IP-handling questionnaire, then review and score the answers.",
    });
    expect(await fix.getAttribute("href")).toBe("/questionnaires");
    await saveScreenshot(page, "engagement-gate-unchecked-desktop");
    expect(await advanceRefused(page, "Contract")).toContain("DD-2");

    // An admin lets it through with a recorded exception.
    await page.getByRole("button", { name: "Record an exception for DD-2" }).click();
    const exception = page.getByRole("dialog", { name: "Exception for DD-2" });
    await exception.getByLabel("Reason").fill("Answered on paper at the site visit; scan on file.");
    await exception.getByLabel("Expires on").fill(isoDate(60));
    await exception.getByRole("button", { name: "Record exception" }).click();
    await exception.waitFor({ state: "hidden" });
    await advance(page, "Contract");
  });

  it("blocks the contract gate on milestones and counsel's review, opens it once both are recorded", async () => {
    const refusal = await advanceRefused(page, "Kick-off");
    expect(refusal).toContain("CT-11");
    expect(refusal).toContain("No milestones");
    expect(refusal).toContain("CT-12");

    await page.getByRole("button", { name: "Add milestone" }).click();
    const milestone = page.getByRole("dialog", { name: "Add a milestone" });
    await milestone.getByLabel("Milestone", { exact: true }).fill("Vault cut-over");
    await milestone.getByLabel("Amount").fill("45000");
    await milestone.getByLabel("Due date").fill(isoDate(60));
    await milestone.getByRole("button", { name: "Add milestone" }).click();
    await page.getByRole("region", { name: "Planned milestones" }).getByText("Vault cut-over").waitFor();
    await page.locator("#control-CT-11").getByText("Pass", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Attest CT-12" }).click();
    const attest = page.getByRole("dialog", { name: "Attest CT-12" });
    await attest
      .getByLabel("What you checked")
      .fill("Counsel reviewed the MSA and SOW; IP assignment and NDA clauses approved.");
    await attest.getByRole("button", { name: "Record attestation" }).click();
    await attest.waitFor({ state: "hidden" });
    await page.locator("#control-CT-12").getByText("Attested", { exact: true }).waitFor();

    // No contract was analysed: its checks hold the gate, each linking to the contracts.
    const ct1 = page
      .getByRole("list", { name: "Blocking controls" })
      .getByRole("listitem")
      .filter({ hasText: "CT-1 " });
    expect(
      await ct1
        .getByRole("link", { name: /Upload the contract/ })
        .first()
        .getAttribute("href"),
    ).toBe("/contracts");
    const engagementId = new URL(page.url()).pathname.split("/").pop() as string;
    const api = await apiSession(warden.url, admin);
    for (const controlId of ["CT-1", "CT-2", "CT-4", "CT-5", "CT-6", "CT-8", "CT-10"])
      await api.post(`/api/engagements/${engagementId}/exceptions`, {
        controlId,
        reason: "Signed on paper before Warden; the analysis follows.",
        expiresOn: isoDate(60),
      });
    await page.reload();
    await advance(page, "Kick-off");
  });

  it("reaches ongoing, and the engagement page fits desktop and phone", async () => {
    await advance(page, "Ongoing");
    await page.getByRole("tab", { name: /Ongoing \(current\)/ }).waitFor();
    expect(await page.getByRole("tab", { selected: true }).textContent()).toContain("Ongoing");
    await saveScreenshot(page, "engagement-ongoing-desktop");

    await page.setViewportSize(PHONE_VIEWPORT);
    try {
      await page.reload();
      await page.getByRole("heading", { name: engagementName, level: 1 }).waitFor();
      await page.getByRole("tab", { selected: true }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, "engagement-ongoing-phone");
    } finally {
      await page.setViewportSize(DESKTOP_VIEWPORT);
    }
  });

  it("accepts a delivery without verification only as security, with a reason, behind a confirmation naming the amount", async () => {
    const engagementUrl = page.url();
    await page.getByRole("button", { name: "Record delivery: Vault cut-over" }).click();
    const delivery = page.getByRole("dialog", { name: "Delivery of Vault cut-over" });
    await delivery.getByLabel("Note").fill("Cut-over run book and rehearsal report.");
    await delivery.getByRole("button", { name: "Record delivery" }).click();
    await delivery.waitFor({ state: "hidden" });
    // The admin records deliveries but does not accept them: that is security's.
    expect(await page.getByRole("button", { name: "Accept manually: Vault cut-over" }).count()).toBe(0);

    const security = { email: "sam.security@example.test", password: "a long enough password 42" };
    const api = await apiSession(warden.url, admin);
    await api.post("/api/users", { ...security, name: "Sam Security", role: "security" });
    const sam = await browser.newPage();
    try {
      await signIn(sam.page, warden.url, security);
      await sam.page.goto(engagementUrl);
      await sam.page.getByRole("button", { name: "Accept manually: Vault cut-over" }).click();
      const accept = sam.page.getByRole("dialog", { name: "Accept Vault cut-over without verification" });
      const confirm = accept.getByRole("button", { name: /^Accept and make .*45,000.* payable$/ });
      await confirm.click();
      await accept
        .getByText(/without verification/)
        .first()
        .waitFor();
      await accept.getByRole("alert").waitFor();
      await accept
        .getByLabel("Why the delivery is accepted without verification")
        .fill("Cut-over rehearsed with us.");
      await confirm.click();
      await accept.waitFor({ state: "hidden" });
      await sam.page.getByText("Accepted manually by sam.security@example.test").waitFor();
      await saveScreenshot(sam.page, "milestone-manual-acceptance-desktop");
      // Every state of the board is in sight at 1280 px: the last columns wrap, none is cut off.
      for (const state of ["Accepted", "Payment approved", "Paid"]) {
        const box = await sam.page.getByRole("region", { name: `${state} milestones` }).boundingBox();
        expect({ state, right: Math.round(box!.x + box!.width) <= DESKTOP_VIEWPORT.width }).toEqual({
          state,
          right: true,
        });
      }
    } finally {
      await sam.page.context().close();
    }
  });

  it("shows the walked engagement in the list under its stage filter, with no console errors on the way", async () => {
    await page.goto(`${warden.url}/engagements?stage=ongoing`);
    await page.getByRole("link", { name: engagementName }).waitFor();
    await page.getByLabel("Stage").selectOption("due_diligence");
    await page.getByText("Merchant mobile app").waitFor();
    expect(await page.getByRole("link", { name: engagementName }).count()).toBe(0);
    // Refused requests (the blocked gates, the invalid form) are logged by Chromium as failed loads;
    // anything else (a script error, a CSP violation) is a defect.
    expect(problems.filter((p) => !p.startsWith("console: Failed to load resource"))).toEqual([]);
  });
});
