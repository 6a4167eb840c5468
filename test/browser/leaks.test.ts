import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser, type TestPage } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const fixture = join(process.cwd(), "src/engines/leaks/fixtures/assessment-report.md");

describe("leak watch page", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let tab: TestPage;
  let api: ApiSession;

  beforeAll(async () => {
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    tab = await browser.newPage();
    await completeSetup(tab.page, warden.setupUrl as string, admin);
    api = await apiSession(warden.url, admin);
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Quill Works Ltd",
      country: "IN",
    });
    await api.post("/api/engagements", { vendorId: vendor.id, name: "Data platform", offshore: true });
    for (const [fullName, email] of [
      ["Ravi Rao", "ravi@quill.example"],
      ["Mina Mehta", "mina@quill.example"],
    ]) {
      await api.post(`/api/vendors/${vendor.id}/people`, {
        fullName,
        email,
        startDate: "2026-01-01",
        ndaSignedOn: "2025-12-20",
      });
    }
    await api.post(`/api/vendors/${vendor.id}/people`, {
      fullName: "Noor Nanda",
      email: "noor@quill.example",
      startDate: "2026-01-01",
    });
    await api.post(`/api/vendors/${vendor.id}/people`, {
      fullName: "Lee Left",
      email: "lee@quill.example",
      startDate: "2025-01-01",
      endDate: "2025-06-30",
    });
    tab.problems.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("shares a document with two people, then names whose copy a pasted excerpt came from and highlights it", async () => {
    const { page } = tab;
    await page.goto(`${warden.url}/leaks`);
    const share = page.getByRole("form", { name: "Share a watermarked document" });
    await share.getByLabel("Engagement").selectOption({ label: "Quill Works Ltd — Data platform" });
    const recipients = share.getByRole("group", { name: "Recipients" });
    await recipients.getByLabel("Mina Mehta (mina@quill.example)").check();
    await recipients.getByLabel("Ravi Rao (ravi@quill.example)").check();
    // Leavers get no copy: the picker offers the active roster only; without an NDA, no copy either.
    expect(await recipients.getByRole("checkbox").count()).toBe(3);
    const noor = recipients.getByLabel("Noor Nanda (noor@quill.example)");
    expect(await noor.isDisabled()).toBe(true);
    await recipients.getByText("Not eligible: has no signed NDA.").waitFor();
    await share.getByLabel("Title (optional)").fill("Security assessment");
    await share.getByLabel("File").setInputFiles(fixture);
    await share.getByRole("button", { name: "Share marked copies" }).click();
    await share.getByText("Security assessment: 2 marked copies made.").waitFor();
    const minaCopy = page.getByRole("listitem").filter({ hasText: "mina@quill.example" }).getByRole("link");
    const href = await minaCopy.getAttribute("href");
    const copy = await page.evaluate(async (url) => (await fetch(url as string)).text(), href);
    expect(copy).not.toBe(await readFile(fixture, "utf8"));

    const trace = page.getByRole("form", { name: "Trace a suspect" });
    await trace.getByLabel("Case title (optional)").fill("Forum paste");
    await trace.getByLabel("Suspect text").fill(copy.slice(1000, 2000));
    await trace.getByRole("button", { name: "Trace and open a case" }).click();
    const report = page.getByRole("article", { name: "Leak case Forum paste" });
    await report.getByText("Recipient named").waitFor();
    expect(await report.getByRole("alert").or(report.getByRole("status")).first().textContent()).toContain(
      "mina@quill.example",
    );
    expect(await report.locator("mark").count()).toBeGreaterThan(0);

    const update = report.getByRole("form", { name: "Update the case" });
    await update.getByLabel("Status").selectOption("investigating");
    await update.getByLabel("Add a note").fill("Asked the vendor to confirm.");
    await update.getByRole("button", { name: "Save" }).click();
    await report.getByRole("listitem").filter({ hasText: "Asked the vendor to confirm." }).waitFor();
    await page.getByRole("cell", { name: "investigating" }).waitFor();
    await saveScreenshot(page, "leaks-case");
    expect(tab.problems).toEqual([]);
  });
});
