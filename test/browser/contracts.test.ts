import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usMasterServicesAgreement } from "../../src/engines/contracts/fixtures/sample-contracts.ts";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser, type TestPage } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const lawyer = { name: "Lee Legal", email: "lee@example.test", password: "a long enough password 42" };

/** The sample MSA as a word processor would save it, each paragraph passed through `edit` (null leaves it out). */
async function msaDocx(edit: (paragraph: string) => string | null): Promise<Buffer> {
  const { title, preamble, sections } = usMasterServicesAgreement;
  const children = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...preamble.map((text) => new Paragraph({ text })),
    ...sections.flatMap((section) => [
      new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }),
      ...section.paragraphs.flatMap((p) => {
        const text = edit(p);
        return text === null ? [] : [new Paragraph({ text })];
      }),
    ]),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** An MSA without any clause binding staff and subcontractors (4.2 is the flow-down clause). */
const msaWithoutFlowDown = () => msaDocx((p) => (p.startsWith("4.2 ") ? null : p));

/** An MSA whose liability cap (8.2) names an amount only an order form states. */
const msaWithUnreadableCap = () =>
  msaDocx((p) =>
    p.startsWith("8.2 ")
      ? "8.2 Limitation. Except as provided in Section 8.3, each party's total aggregate liability arising out of or relating to this Agreement shall not exceed the Liability Cap Amount stated in the Order Form."
      : p,
  );

interface ControlResult {
  id: string;
  status: string;
  reasons: string[];
}

describe("contract review", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let legal: TestPage;
  let legalApi: ApiSession;
  let adminApi: ApiSession;
  let vendorId: string;
  let engagementId: string;
  let folder: string;

  beforeAll(async () => {
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    const { page } = await browser.newPage();
    await completeSetup(page, warden.setupUrl as string, admin);
    const api = await apiSession(warden.url, admin);
    adminApi = api;
    await api.post("/api/users", {
      email: lawyer.email,
      name: lawyer.name,
      role: "legal",
      password: lawyer.password,
    });
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Tessellate Labs Pvt Ltd",
      country: "IN",
    });
    vendorId = vendor.id;
    const engagement = await api.post<{ id: string }>("/api/engagements", {
      vendorId: vendor.id,
      name: "Mobile banking app",
      offshore: true,
    });
    engagementId = engagement.id;
    legalApi = await apiSession(warden.url, lawyer);
    folder = await mkdtemp(join(tmpdir(), "warden-contracts-"));
    legal = await browser.newPage();
    await signIn(legal.page, warden.url, lawyer);
    // The session probe before sign-in answers 401 by design.
    legal.problems.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function evaluation(id = engagementId): Promise<Map<string, ControlResult>> {
    const detail = await legalApi.get<{ evaluation: { results: ControlResult[] } }>(`/api/engagements/${id}`);
    return new Map(detail.evaluation.results.map((r) => [r.id, r]));
  }

  it("uploads an MSA, shows its clauses beside a failing CT-4, and lets legal override it with a comment", async () => {
    const page: Page = legal.page;
    const file = join(folder, "msa-tessellate.docx");
    await writeFile(file, await msaWithoutFlowDown());
    expect((await evaluation()).get("CT-4")?.status).toBe("not_checked");

    await page.goto(`${warden.url}/contracts`);
    const form = page.getByRole("form", { name: "Upload a contract" });
    await form
      .getByLabel("Engagement")
      .selectOption({ label: "Mobile banking app — Tessellate Labs Pvt Ltd" });
    await form.getByLabel("Kind").selectOption("msa");
    await form.getByLabel("Title").fill("Tessellate MSA 2026");
    await form.getByLabel("File").setInputFiles(file);
    await form.getByRole("button", { name: "Upload and analyse" }).click();

    // The analysis runs in the server's job queue; the page follows it.
    await page.getByRole("heading", { name: "Tessellate MSA 2026" }).waitFor();
    await page.getByRole("heading", { name: "Checklist" }).waitFor({ timeout: 30_000 });
    const ct4 = page.getByTestId("check-status-CT-4");
    expect(await ct4.textContent()).toBe("Fail");
    const checklist = page.getByRole("list", { name: "Controls checked" });
    expect(await checklist.getByRole("listitem").filter({ hasText: "CT-4" }).textContent()).toMatch(
      /No clause binds the vendor's employees and subcontractors/,
    );
    expect(await page.getByText("Flow-down (CT-4)").count()).toBe(1);

    // Highlighted clauses in the text, and a list that leads to each of them.
    const text = page.getByRole("region", { name: "Contract text with highlighted clauses" });
    expect(await text.locator("mark.clause-mark").count()).toBeGreaterThan(10);
    expect(await text.locator("mark[data-clause-types~='flow-down']").count()).toBe(0);
    const clauses = page.getByRole("list", { name: "Detected clauses" });
    const first = clauses.getByRole("button").first();
    await first.focus();
    for (let i = 0; i < 40; i++) {
      const label = await page.evaluate(() => document.activeElement?.textContent ?? "");
      if (label.startsWith("Governing law")) break;
      await page.keyboard.press("ArrowDown");
    }
    expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^Governing law/);
    await page.keyboard.press("Enter");
    const law = text.locator("mark.clause-mark--active");
    await law.first().waitFor();
    expect(await law.first().textContent()).toMatch(/^12\.3 Governing Law/);
    // The text panel scrolls (smoothly) until the chosen clause is inside it.
    await expect
      .poll(async () => {
        const box = await law.first().boundingBox();
        const frame = await text.boundingBox();
        return Boolean(box && frame && box.y >= frame.y && box.y + 10 < frame.y + frame.height);
      })
      .toBe(true);
    await saveScreenshot(page, "contract-side-by-side-desktop");
    await saveScreenshot(page, "contract-side-by-side-viewport", { fullPage: false });

    const failing = (await evaluation()).get("CT-4");
    expect(failing?.status).toBe("fail");
    expect(failing?.reasons[0]).toMatch(/^MSA "Tessellate MSA 2026": No clause binds/);

    const review = page.getByRole("form", { name: "Review a finding" });
    await review.getByLabel("Finding").selectOption("check:CT-4");
    await review.getByLabel("Decision").selectOption("override-pass");
    await review
      .getByLabel("Comment")
      .fill("Schedule 4 (signed with the MSA) binds every employee and subcontractor");
    await review.getByRole("button", { name: "Record decision" }).click();
    await review.getByText("Recorded for CT-4.").waitFor();
    await expect.poll(() => ct4.textContent()).toBe("Pass");
    expect(await checklist.getByRole("listitem").filter({ hasText: "CT-4" }).textContent()).toMatch(
      /Overridden by legal \(Pass; analysis said Fail\).*Schedule 4/,
    );
    await checklist.getByRole("listitem").filter({ hasText: "CT-4" }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "contract-after-override-desktop", { fullPage: false });

    const passing = (await evaluation()).get("CT-4");
    expect(passing?.status).toBe("pass");
    expect(passing?.reasons[0]).toMatch(/Overridden \(pass\) by lee@example\.test: Schedule 4/);
    expect(legal.problems).toEqual([]);
  });

  it("shows a liability cap it could not read as “Needs review”, never a pass, until legal decides", async () => {
    const page: Page = legal.page;
    const other = await adminApi.post<{ id: string }>("/api/engagements", {
      vendorId,
      name: "Payments gateway",
      offshore: true,
    });
    const file = join(folder, "msa-unreadable-cap.docx");
    await writeFile(file, await msaWithUnreadableCap());

    await page.goto(`${warden.url}/contracts`);
    const form = page.getByRole("form", { name: "Upload a contract" });
    await form.getByLabel("Engagement").selectOption({ label: "Payments gateway — Tessellate Labs Pvt Ltd" });
    await form.getByLabel("Kind").selectOption("msa");
    await form.getByLabel("Title").fill("Gateway MSA");
    await form.getByLabel("File").setInputFiles(file);
    await form.getByRole("button", { name: "Upload and analyse" }).click();
    await page.getByRole("heading", { name: "Gateway MSA" }).waitFor();
    await page.getByRole("heading", { name: "Checklist" }).waitFor({ timeout: 30_000 });

    const ct5 = page.getByTestId("check-status-CT-5");
    expect(await ct5.textContent()).toBe("Needs review");
    const item = page
      .getByRole("list", { name: "Controls checked" })
      .getByRole("listitem")
      .filter({ hasText: "CT-5" });
    expect(await item.textContent()).toMatch(
      /could not be read.*Liability Cap Amount stated in the Order Form/,
    );
    expect(await item.textContent()).toMatch(/not satisfied until legal reads the clause/);
    expect((await evaluation(other.id)).get("CT-5")?.status).toBe("needs_review");
    await item.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "contract-needs-review-desktop", { fullPage: false });

    // Nothing to confirm: legal reads the order form and decides.
    const review = page.getByRole("form", { name: "Review a finding" });
    await review.getByLabel("Finding").selectOption("check:CT-5");
    const decisions = await review.getByLabel("Decision").locator("option").allTextContents();
    expect(decisions).not.toContain("Confirm the finding");
    await review.getByLabel("Decision").selectOption("override-warn");
    await review
      .getByLabel("Comment")
      .fill("The Order Form caps liability at USD 400,000, below our minimum");
    await review.getByRole("button", { name: "Record decision" }).click();
    await review.getByText("Recorded for CT-5.").waitFor();
    await expect.poll(() => ct5.textContent()).toBe("Warning");
    expect((await evaluation(other.id)).get("CT-5")?.status).toBe("warn");
    expect(legal.problems).toEqual([]);
  });

  it("lists the contract across engagements with its engagement and status", async () => {
    const page = legal.page;
    await page.goto(`${warden.url}/contracts`);
    const row = page.getByRole("row").filter({ hasText: "Tessellate MSA 2026" });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/MSA.*Mobile banking app.*Analysed/);
    await saveScreenshot(page, "contracts-list-desktop", { fullPage: false });
    expect(legal.problems).toEqual([]);
  });
});
