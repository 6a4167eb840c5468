import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorDirectorySeed } from "../support/slapd/vendor-directory.ts";
import { type Slapd, startSlapd } from "../support/slapd.ts";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser, type TestPage } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const officer = { name: "Sam Security", email: "sam@example.test", password: "a long enough password 42" };

describe("people and access", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let ldap: Slapd;
  let api: ApiSession;
  let tab: TestPage;
  let carolId: string;

  beforeAll(async () => {
    [warden, browser, ldap] = await Promise.all([
      startWarden(),
      launchBrowser(),
      startSlapd({ seed: vendorDirectorySeed() }),
    ]);
    const first = await browser.newPage();
    await completeSetup(first.page, warden.setupUrl as string, admin);
    api = await apiSession(warden.url, admin);
    await api.post("/api/users", { ...officer, role: "security" });
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Kestrel Soft",
      country: "IN",
    });
    const engagement = await api.post<{ id: string }>("/api/engagements", {
      vendorId: vendor.id,
      name: "Claims portal",
      offshore: true,
    });
    const people = [
      { fullName: "Alice Able", account: "alice", groups: ["dev"], ndaSignedOn: "2025-01-01" },
      { fullName: "Bob Unsigned", account: "bob", groups: ["dev", "ops"], ndaSignedOn: null },
      {
        fullName: "Carol Leaver",
        account: "carol",
        groups: ["dev"],
        ndaSignedOn: "2025-01-01",
        endDate: "2025-10-31",
      },
    ];
    for (const p of people) {
      const person = await api.post<{ id: string }>(`/api/vendors/${vendor.id}/people`, {
        fullName: p.fullName,
        startDate: "2024-06-01",
        endDate: p.endDate ?? null,
        ndaSignedOn: p.ndaSignedOn,
      });
      if (p.account === "carol") carolId = person.id;
      await api.post(`/api/engagements/${engagement.id}/members/${person.id}`);
      await api.post(`/api/engagements/${engagement.id}/grants`, {
        personId: person.id,
        system: "ldap",
        account: p.account,
        scope: p.groups,
        reason: "Builds the claims portal",
        grantedOn: "2025-02-01",
      });
    }
    await api.post("/api/access/connectors/ldap", {
      system: "ldap",
      url: ldap.url,
      bindDn: ldap.bindDn,
      bindPassword: ldap.password,
      baseDn: ldap.baseDn,
      accountFilter: "(employeeType=vendor)",
      groupBaseDn: ldap.groupsDn,
      disable: { method: "move-ou", disabledOu: ldap.disabledDn },
    });
    tab = await browser.newPage();
    await signIn(tab.page, warden.url, officer);
    // The session probe before sign-in answers 401 by design.
    tab.problems.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    await ldap?.stop();
  });

  it("reconciles from the page, shows the matrix and the findings with their evidence, then a leaver's runbook", async () => {
    const { page } = tab;
    await page.goto(`${warden.url}/people`);
    await page.getByRole("heading", { name: "People & access", level: 1 }).waitFor();
    await page.getByText("No reconciliation has run yet.").waitFor();

    await page.getByRole("button", { name: "Reconcile now" }).click();
    const findings = page.getByRole("region", { name: "Reconciliation findings" });
    await findings.getByText(/Enabled account mallory on ldap belongs to no one/).waitFor();
    expect(await findings.getByText(/Bob Unsigned .* without an NDA in force/).count()).toBe(1);
    await findings.getByText("Evidence from ldap for").first().click();
    expect(await findings.locator("pre").first().textContent()).toMatch(/"entry"/);

    const matrix = page.getByRole("table", { name: /Roster by system/ });
    const alice = matrix.getByRole("row").filter({ hasText: "Alice Able" });
    expect(await alice.getByRole("cell").first().textContent()).toMatch(/Enabled\s*alice/);

    await api.post(`/api/access/offboard/${carolId}`, { dryRun: false });
    await page.reload();
    const runbooks = page.getByRole("region", { name: "Offboarding runbooks" });
    await runbooks.getByText("Leaver Carol Leaver").waitFor();
    expect(await runbooks.getByText(/1 of 4 items done/).count()).toBe(1);
    expect(await runbooks.getByRole("link", { name: "Read-back evidence" }).count()).toBe(1);
    // The matrix shows what the read-back proved, newer than the reconciliation.
    const carol = matrix.getByRole("row").filter({ hasText: "Carol Leaver" });
    expect(await carol.getByRole("cell").first().textContent()).toMatch(/Disabled\s*carol/);

    // The certificate needs its file; recording it closes the item and counts in the progress.
    const certificate = runbooks.getByRole("form", { name: /Complete: Certificate of media destruction/ });
    await certificate.getByLabel("Proof (required)").setInputFiles({
      name: "destruction-certificate.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4 certificate of destruction"),
    });
    await certificate.getByRole("button", { name: "Mark done" }).click();
    await runbooks.getByText(/2 of 4 items done/).waitFor();
    expect(await runbooks.getByRole("form", { name: /Certificate of media destruction/ }).count()).toBe(0);
    await saveScreenshot(page, "people-access");
    expect(tab.problems).toEqual([]);
  });
});
