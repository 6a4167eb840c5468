import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallQuestionnaireDefinition } from "../support/fixtures.ts";
import type { TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import type { WardenProcess } from "./harness/start-warden.ts";
import { signIn } from "./harness/ui-session.ts";
import { SECURITY, startWorkspace } from "./harness/workspace.ts";

const contact = { email: "kenji@kestrel.example", password: "a vendor contact password 42" };
const otherContact = { email: "olga@osprey.example", password: "another vendor password 42" };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function isoDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

describe("a questionnaire sent to a vendor contact account, answered in the portal", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let securityPage: Page;
  let securityProblems: string[];
  let vendorPage: Page;
  let vendorProblems: string[];
  let contactId: string;
  /** The answer screen's address of the questionnaire sent to the first contact. */
  let assignmentPath = "";
  const dueOn = isoDate(20);

  beforeAll(async () => {
    const workspace = await startWorkspace();
    ({ warden, browser } = workspace);
    await workspace.adminPage.page.context().close();
    const { adminApi, securityApi: api } = workspace;
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Kestrel Code LLP",
      country: "IN",
    });
    const other = await api.post<{ id: string }>("/api/vendors", { legalName: "Osprey Soft", country: "PL" });
    await api.post("/api/engagements", { vendorId: vendor.id, name: "Billing rewrite" });
    await api.post("/api/questionnaire-templates", smallQuestionnaireDefinition());
    ({ id: contactId } = await adminApi.post<{ id: string }>("/api/users", {
      ...contact,
      name: "Kenji Sato",
      role: "vendor",
      vendorId: vendor.id,
    }));
    await adminApi.post("/api/users", {
      ...otherContact,
      name: "Olga Nowak",
      role: "vendor",
      vendorId: other.id,
    });
    ({ page: securityPage, problems: securityProblems } = await browser.newPage());
    ({ page: vendorPage, problems: vendorProblems } = await browser.newPage());
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("lists it in the portal with its due date; the contact saves a draft, attaches a file and submits", async () => {
    // The security user sends the questionnaire to the vendor contact's account, due in 20 days.
    await signIn(securityPage, warden.url, SECURITY);
    await securityPage.goto(`${warden.url}/questionnaires`);
    await securityPage.getByLabel("Engagement").selectOption({ label: "Billing rewrite · Kestrel Code LLP" });
    await securityPage
      .getByLabel("Questionnaire", { exact: true })
      .selectOption({ label: "Vendor IP basics (v1)" });
    await securityPage.getByLabel("Send to").selectOption({ label: "A vendor contact account" });
    // Only the engagement's vendor's accounts are offered: Kenji, not the other vendor's Olga.
    const picker = securityPage.getByLabel("Vendor contact", { exact: true });
    await picker
      .locator("option", { hasText: "Kenji Sato <kenji@kestrel.example>" })
      .waitFor({ state: "attached" });
    expect(await picker.locator("option").allTextContents()).toEqual(["Kenji Sato <kenji@kestrel.example>"]);
    await picker.selectOption(contactId);
    await securityPage.getByLabel("Due on (optional)").fill(dueOn);
    await securityPage.getByRole("button", { name: "Send questionnaire" }).click();
    await securityPage.getByText("Sent to kenji@kestrel.example.").waitFor();

    // The contact signs in and finds it at the top of the portal, with its due date.
    await signIn(vendorPage, warden.url, contact);
    await vendorPage.getByRole("heading", { name: "Vendor portal", level: 1 }).waitFor();
    const panel = vendorPage.getByRole("region", { name: "Questionnaires to answer" });
    const row = panel.getByRole("row", { name: /Vendor IP basics/ });
    await row.waitFor();
    const shownDue = await vendorPage.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(iso)),
      dueOn,
    );
    expect(await row.textContent()).toContain(shownDue);
    expect(await row.textContent()).toContain("Billing rewrite");
    await row.getByText("Not started").waitFor();
    await saveScreenshot(vendorPage, "portal-questionnaires-desktop");

    // It opens in the signed-in shell; a draft is saved and kept.
    await row.getByRole("link", { name: "Vendor IP basics" }).click();
    await vendorPage.getByRole("heading", { name: "Vendor IP basics", level: 1 }).waitFor();
    assignmentPath = new URL(vendorPage.url()).pathname;
    expect(assignmentPath).toMatch(/^\/portal\/questionnaires\/[\w-]+$/);
    await vendorPage.getByRole("button", { name: "Sign out" }).waitFor();
    await vendorPage.getByRole("group", { name: "Does every person sign an NDA?" }).getByLabel("Yes").check();
    await vendorPage
      .getByRole("group", { name: "Where does the team sit?" })
      .getByLabel("A closed room")
      .check();
    await vendorPage.getByLabel("Annual staff turnover (%)?").fill("12");
    await vendorPage
      .getByRole("group", { name: "Any security incident in the last three years?" })
      .getByLabel("No")
      .check();
    await vendorPage.getByRole("button", { name: "Save draft" }).click();
    await vendorPage.getByText("Draft saved. You can come back to it from the vendor portal").waitFor();

    await vendorPage.getByRole("link", { name: "Back to the vendor portal" }).click();
    await row.getByText("Draft saved").waitFor();
    await row.getByRole("link", { name: "Vendor IP basics" }).click();
    const nda = vendorPage.getByRole("group", { name: "Does every person sign an NDA?" }).getByLabel("Yes");
    await nda.waitFor();
    await expect(nda.isChecked()).resolves.toBe(true);
    await expect(vendorPage.getByLabel("Annual staff turnover (%)?").inputValue()).resolves.toBe("12");

    // The file is attached through the contact's session, then everything is submitted.
    await vendorPage
      .getByLabel("Attach your information-security policy.")
      .setInputFiles({ name: "security-policy.pdf", mimeType: "application/pdf", buffer: PDF });
    await vendorPage.getByText("security-policy.pdf (1 KiB)").waitFor();
    await saveScreenshot(vendorPage, "portal-questionnaire-answer-desktop");
    await vendorPage.getByRole("button", { name: "Submit answers" }).click();
    await vendorPage.getByText("Thank you: your answers were submitted").waitFor();
    await vendorPage.getByRole("link", { name: "Back to the vendor portal" }).click();
    await panel.getByText("No questionnaire is waiting for your answers.").waitFor();
    // Its address still opens, with nothing left to change.
    await vendorPage.goto(`${warden.url}${assignmentPath}`);
    await vendorPage.getByText("Nothing left to answer").waitFor();
    await expect(vendorPage.getByRole("button", { name: "Save draft" }).count()).resolves.toBe(0);

    // The security user sees it submitted, with the contact's file.
    await securityPage.reload();
    await securityPage.getByLabel("Engagement").selectOption({ label: "Billing rewrite · Kestrel Code LLP" });
    const sent = securityPage.getByRole("row", { name: /Vendor IP basics/ }).filter({ hasText: "Kenji" });
    await sent.getByText("Submitted: to review").waitFor();
    await sent.getByRole("link", { name: "Vendor IP basics" }).click();
    await securityPage.getByRole("heading", { name: "Review: Vendor IP basics" }).waitFor();
    await securityPage.getByRole("link", { name: "Download security-policy.pdf" }).waitFor();

    // The session probe before each sign-in is refused on purpose (401).
    expect(vendorProblems.filter((p) => !p.includes("status of 401"))).toEqual([]);
    expect(securityProblems.filter((p) => !p.includes("status of 401"))).toEqual([]);
  });

  it("does not open another vendor's questionnaire for its contact", async () => {
    const { page: other, problems } = await browser.newPage();
    await signIn(other, warden.url, otherContact);
    await other.getByRole("region", { name: "Questionnaires to answer" }).waitFor();
    await other.getByText("No questionnaire is waiting for your answers.").waitFor();
    // The first contact's questionnaire, asked for by its id: refused as not found.
    await other.goto(`${warden.url}${assignmentPath}`);
    await other.getByText(/No questionnaire with id/).waitFor();
    await expect(other.getByRole("button", { name: "Submit answers" }).count()).resolves.toBe(0);
    expect(problems.filter((p) => !p.includes("status of 401") && !p.includes("status of 404"))).toEqual([]);
  });
});
