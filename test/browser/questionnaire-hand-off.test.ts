import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallQuestionnaireDefinition } from "../support/fixtures.ts";
import type { TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import type { WardenProcess } from "./harness/start-warden.ts";
import { startWorkspace } from "./harness/workspace.ts";

describe("a questionnaire section handed to a colleague", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let linkUrl: string;

  beforeAll(async () => {
    const workspace = await startWorkspace();
    ({ warden, browser } = workspace);
    const api = workspace.securityApi;
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
    const template = await api.post<{ id: string }>(
      "/api/questionnaire-templates",
      smallQuestionnaireDefinition(),
    );
    const sent = await api.post<{ link: { url: string } }>("/api/questionnaires", {
      engagementId: engagement.id,
      templateId: template.id,
      recipient: { kind: "link", label: "cto@kestrel.example" },
    });
    linkUrl = sent.link.url.replace(/^https?:\/\/[^/]+/, warden.url);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("lets the colleague answer only its section, shows the answers to the respondent, and ends when taken back", async () => {
    const { page: main, problems: mainProblems } = await browser.newPage();
    await main.goto(linkUrl);
    await main.getByRole("heading", { name: "Vendor IP basics" }).waitFor();
    await main.getByText("Hand “Incidents” to a colleague").click();
    await main.getByLabel("Colleague (name or e-mail, for your records)").last().fill("it@kestrel.example");
    await main.getByRole("button", { name: "Create a link for “Incidents”" }).click();
    const code = main.locator(".hand-off code");
    await code.waitFor();
    const sectionUrl = ((await code.textContent()) ?? "").replace(/^https?:\/\/[^/]+/, warden.url);
    expect(sectionUrl).toMatch(/\/answer#[\w-]{40,}$/);
    await main.getByText("Handed to it@kestrel.example").waitFor();

    // The colleague sees the one section, answers it and saves; there is no submission.
    const { page: colleague, problems: colleagueProblems } = await browser.newPage();
    await colleague.goto(sectionUrl);
    await colleague.getByText("Section “Incidents” was handed to you").waitFor();
    await expect(colleague.getByRole("heading", { name: "People" }).count()).resolves.toBe(0);
    await expect(colleague.getByRole("button", { name: "Submit answers" }).count()).resolves.toBe(0);
    await colleague
      .getByRole("group", { name: "Any security incident in the last three years?" })
      .getByLabel("No")
      .check();
    await colleague.getByRole("button", { name: "Save draft" }).click();
    await colleague.getByText("Draft saved.").waitFor();
    await saveScreenshot(colleague, "questionnaire-section-colleague");

    // The respondent fetches the colleague's answers, then takes the section back.
    await main.getByRole("button", { name: "Show their latest answers" }).click();
    const incident = main.getByRole("group", { name: "Any security incident in the last three years?" });
    // Waits as long as the fetch takes on a loaded machine (expect.poll gives up after a second).
    await incident.locator('input[value="no"]:checked').waitFor();
    await saveScreenshot(main, "questionnaire-section-handed");
    await main.getByRole("button", { name: "Take back “Incidents”" }).click();
    await main.getByText("Hand “Incidents” to a colleague").waitFor();
    await expect(incident.getByLabel("No").isChecked()).resolves.toBe(true);

    await colleague.reload();
    await colleague.getByText("This section was taken back").waitFor();
    expect(mainProblems).toEqual([]);
    // Refused on purpose: the reload after the take-back (403).
    expect(colleagueProblems.filter((p) => !p.includes("status of 403"))).toEqual([]);
  });
});
