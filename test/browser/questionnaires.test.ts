import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallQuestionnaireDefinition } from "../support/fixtures.ts";
import type { ApiSession } from "./harness/api-session.ts";
import type { TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import type { WardenProcess } from "./harness/start-warden.ts";
import { signIn } from "./harness/ui-session.ts";
import { SECURITY, startWorkspace } from "./harness/workspace.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("questionnaire sent as a link, answered without an account, reviewed", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let securityPage: Page;
  let securityProblems: string[];
  let api: ApiSession;
  let engagementId: string;

  beforeAll(async () => {
    ({ warden, browser, securityApi: api } = await startWorkspace());
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Kestrel Code LLP",
      country: "IN",
    });
    const engagement = await api.post<{ id: string }>("/api/engagements", {
      vendorId: vendor.id,
      name: "Billing rewrite",
      offshore: true,
      requiredInsuranceAmount: 1_000_000,
      requiredInsuranceCurrency: "USD",
    });
    engagementId = engagement.id;
    await api.post("/api/questionnaire-templates", smallQuestionnaireDefinition());
    ({ page: securityPage, problems: securityProblems } = await browser.newPage());
    await signIn(securityPage, warden.url, SECURITY);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("scores the vendor's answers on the engagement with their reasons", async () => {
    // The security user sends a link.
    await securityPage.goto(`${warden.url}/questionnaires`);
    await securityPage.getByLabel("Engagement").selectOption({ label: "Billing rewrite · Kestrel Code LLP" });
    await securityPage
      .getByLabel("Questionnaire", { exact: true })
      .selectOption({ label: "Vendor IP basics (v1)" });
    await securityPage.getByLabel("Recipient (for your records)").fill("cto@kestrel.example");
    await securityPage.getByRole("button", { name: "Send questionnaire" }).click();
    const linkUrl = (await securityPage.locator("#questionnaire-link").textContent()) ?? "";
    expect(linkUrl).toMatch(/\/answer#[\w-]{40,}$/);

    // The vendor, in a browser context with no account, answers, attaches a file and submits.
    const { page: vendor, problems: vendorProblems } = await browser.newPage();
    await vendor.goto(linkUrl.replace(/^https?:\/\/[^/]+/, warden.url));
    await vendor.getByRole("heading", { name: "Vendor IP basics" }).waitFor();
    expect(new URL(vendor.url()).hash).toBe("");
    await vendor.getByRole("group", { name: "Does every person sign an NDA?" }).getByLabel("Yes").check();
    await vendor.getByRole("group", { name: "Where does the team sit?" }).getByLabel("A closed room").check();
    await vendor.getByLabel("Annual staff turnover (%)?").fill("12");
    const incident = vendor.getByRole("group", { name: "Any security incident in the last three years?" });
    await incident.getByLabel("Yes").check();
    await vendor.getByLabel("Describe the incident.").waitFor();
    await incident.getByLabel("No").check();
    await expect(vendor.getByLabel("Describe the incident.").count()).resolves.toBe(0);

    // Submitting without the required file names the question.
    await vendor.getByRole("button", { name: "Submit answers" }).click();
    await vendor.getByRole("alert").filter({ hasText: "cannot be submitted yet" }).waitFor();
    await vendor
      .locator(".field--invalid", { hasText: "Attach your information-security policy." })
      .waitFor();

    await vendor
      .getByLabel("Attach your information-security policy.")
      .setInputFiles({ name: "security-policy.pdf", mimeType: "application/pdf", buffer: PDF });
    await vendor.getByText("security-policy.pdf (1 KiB)").waitFor();
    await vendor.getByRole("button", { name: "Save draft" }).click();
    await vendor.getByText("Draft saved.").waitFor();
    await saveScreenshot(vendor, "questionnaire-vendor-answers");
    await vendor.getByRole("button", { name: "Submit answers" }).click();
    await vendor.getByText("Thank you: your answers were submitted").waitFor();

    // The used link refuses, with a clear message.
    const { page: again } = await browser.newPage();
    await again.goto(linkUrl.replace(/^https?:\/\/[^/]+/, warden.url));
    await again.getByText("This questionnaire has been submitted and its link no longer works.").waitFor();

    // The security user reviews: grades the file answer and accepts.
    await securityPage.getByRole("link", { name: "Vendor IP basics" }).click();
    await securityPage.getByRole("heading", { name: "Review: Vendor IP basics" }).waitFor();
    await securityPage.getByRole("link", { name: "Download security-policy.pdf" }).waitFor();
    // Accept is not offered while a file answer awaits its grade.
    await securityPage.getByText(/awaiting review below before accepting/).waitFor();
    expect(await securityPage.getByRole("button", { name: "Accept questionnaire" }).count()).toBe(0);
    await securityPage.getByLabel("Grade (0 to 1)").fill("1");
    await securityPage
      .getByRole("button", { name: "Save grade for “Attach your information-security policy.”" })
      .click();
    await securityPage.getByText("Graded").waitFor();
    await securityPage.getByLabel("Add a note").fill("Policy dated last year; ask again at renewal.");
    await securityPage.getByRole("button", { name: "Add note" }).click();
    await securityPage.getByText("Policy dated last year; ask again at renewal. —").waitFor();
    await saveScreenshot(securityPage, "questionnaire-review");
    await securityPage.getByRole("button", { name: "Accept questionnaire" }).click();
    await securityPage.getByText("Accepted: the score now feeds DD-2.").waitFor();

    // The score appears on the engagement, with its reasons.
    const detail = await api.get<{
      evaluation: { results: { id: string; status: string; reasons: string[] }[] };
    }>(`/api/engagements/${engagementId}`);
    const dd2 = detail.evaluation.results.find((r) => r.id === "DD-2");
    expect(dd2?.status).toBe("pass");
    expect(dd2?.reasons[0]).toContain("score 100/100 (threshold 70)");
    await securityPage.goto(`${warden.url}/engagements/${engagementId}`);
    const control = securityPage.locator("#control-DD-2");
    await control.waitFor();
    await control
      .getByText(/Questionnaire "Vendor IP basics" accepted .* score 100\/100 \(threshold 70\)/)
      .waitFor();
    await control.scrollIntoViewIfNeeded();
    await saveScreenshot(securityPage, "questionnaire-engagement-dd2");

    // Refused on purpose: the vendor's early submission (400) and the session probe before sign-in (401).
    expect(vendorProblems.filter((p) => !p.includes("status of 400"))).toEqual([]);
    expect(securityProblems.filter((p) => !p.includes("status of 401"))).toEqual([]);
  });
});
