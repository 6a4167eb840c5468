import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const HEADER =
  "full_name,email,employer,role,start_date,end_date,nda_signed_on,nda_expires_on,training_completed_on";

function isoDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

const rows = {
  bo: `Bo Zielinski,bo@vendor.example,,Engineer,${isoDate(-300)},,${isoDate(-301)},${isoDate(700)},${isoDate(-290)}`,
  ana: `Ana Kowalska,ana@vendor.example,,Tester,${isoDate(-200)},${isoDate(-20)},${isoDate(-201)},${isoDate(500)},`,
  cy: `Cyprian Nowak,cy@vendor.example,,Engineer,${isoDate(-100)},,,,`,
  broken: "Dora Broken,dora@vendor.example,Nobody Ltd,Engineer,not-a-date,,,,",
};

describe("roster in the browser", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let page: Page;
  let api: ApiSession;
  let vendorId: string;

  beforeAll(async () => {
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    ({ page } = await browser.newPage());
    await completeSetup(page, warden.setupUrl as string, admin);
    api = await apiSession(warden.url, admin);
    ({ id: vendorId } = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Vistula Devs S.A.",
      country: "PL",
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
  });

  it("previews a CSV with its per-row errors, writes nothing, then imports the corrected file", async () => {
    await page.goto(`${warden.url}/vendors/${vendorId}?tab=roster`);
    await page.getByText("Nobody on the roster yet: import a CSV below.").waitFor();

    await page.getByLabel("Or paste the CSV").fill([HEADER, rows.bo, rows.broken].join("\n"));
    await page.getByRole("button", { name: "Preview import" }).click();
    const preview = page.getByRole("table", { name: "Import preview" });
    const broken = preview.getByRole("row").filter({ hasText: "Dora Broken" });
    await broken.waitFor();
    expect(await broken.textContent()).toContain("employer");
    expect(await broken.textContent()).toContain("start_date");
    expect(await preview.getByRole("row").filter({ hasText: "Bo Zielinski" }).textContent()).toContain("OK");
    await page.getByRole("alert").filter({ hasText: "nothing will be written" }).waitFor();
    expect(await page.getByRole("button", { name: /^Import/ }).isDisabled()).toBe(true);
    await saveScreenshot(page, "roster-import-errors-desktop");
    const before = await api.get<{ total: number }>(`/api/vendors/${vendorId}/people?limit=1`);
    expect(before.total).toBe(0);

    await page.getByLabel("Or paste the CSV").fill([HEADER, rows.bo, rows.ana, rows.cy].join("\n"));
    await page.getByRole("button", { name: "Preview import" }).click();
    await page.getByText("All 3 row(s) are valid.").waitFor();
    await page.getByRole("button", { name: "Import 3 row(s)" }).click();
    await page.getByText("Imported 3 row(s).").waitFor();
    await page.getByRole("navigation", { name: "Pages of people" }).getByText("1–3 of 3 people").waitFor();
  });

  it("sorts by a column header, saying so with aria-sort, and filters by status and NDA", async () => {
    const table = page.getByRole("table", { name: "Roster" });
    const names = async () => (await table.locator("tbody th").allInnerTexts()).map((t) => t.split("\n")[0]);
    const nameHeader = table.getByRole("columnheader", { name: /Name/ });
    expect(await nameHeader.getAttribute("aria-sort")).toBe("ascending");
    expect(await names()).toEqual(["Ana Kowalska", "Bo Zielinski", "Cyprian Nowak"]);

    await nameHeader.getByRole("button").click();
    await page.waitForURL(/direction=desc/);
    await table.locator("tbody th").first().filter({ hasText: "Cyprian Nowak" }).waitFor();
    expect(await nameHeader.getAttribute("aria-sort")).toBe("descending");

    const startHeader = table.getByRole("columnheader", { name: /Start/ });
    await startHeader.getByRole("button").click();
    await page.waitForURL(/sort=start/);
    await table.locator("tbody th").first().filter({ hasText: "Bo Zielinski" }).waitFor();
    expect(await startHeader.getAttribute("aria-sort")).toBe("ascending");
    expect(await nameHeader.getAttribute("aria-sort")).toBe("none");

    await page.getByLabel("Status").selectOption("leaver");
    await page.waitForURL(/status=leaver/);
    await page.getByRole("navigation", { name: "Pages of people" }).getByText("1–1 of 1 people").waitFor();
    await page.locator('[aria-busy="false"]').filter({ has: table }).waitFor();
    expect(await names()).toEqual(["Ana Kowalska"]);

    await page.getByLabel("Status").selectOption("all");
    await page.getByLabel("NDA", { exact: true }).selectOption("missing");
    await page.waitForURL(/nda=missing/);
    await table.locator("tbody th").filter({ hasText: "Cyprian Nowak" }).waitFor();
    await page.locator('[aria-busy="false"]').filter({ has: table }).waitFor();
    expect(await names()).toEqual(["Cyprian Nowak"]);
    await saveScreenshot(page, "roster-filtered-desktop");
  });

  it("shows coverage and turnover computed from the imported roster", async () => {
    const figures = page.getByRole("region", { name: "Roster figures" });
    await figures.getByText("Headcount", { exact: true }).waitFor();
    // Two people are active; Ana left 20 days ago.
    expect(await figures.locator("dd").first().textContent()).toBe("2");
    expect(await figures.textContent()).toContain("1 leaver(s)");
  });

  it("turns a playbook control off only with a reason, and on again", async () => {
    await page.goto(`${warden.url}/settings/playbook`);
    const row = page.getByRole("row").filter({ hasText: "Site visit recorded" });
    await row.getByRole("button", { name: "Turn off DD-3" }).click();
    const dialog = page.getByRole("dialog", { name: "Turn off DD-3" });
    await dialog.getByRole("button", { name: "Turn off" }).click();
    await dialog.getByText("Say why the control is turned off").waitFor();
    await dialog.getByLabel("Reason").fill("Remote-only vendors: no site to visit.");
    await dialog.getByRole("button", { name: "Turn off" }).click();
    await row.getByText("Remote-only vendors: no site to visit.").waitFor();
    await row.getByRole("button", { name: "Turn on DD-3" }).click();
    await page.getByRole("dialog", { name: "Turn on DD-3" }).getByRole("button", { name: "Turn on" }).click();
    await row.getByText("On", { exact: true }).waitFor();
  });

  it("shows a vendor contact their own roster and engagements in the portal, and not the internal pages", async () => {
    const contact = { email: "vera@vistula.example", password: "a long enough password 42" };
    await api.post("/api/users", { ...contact, name: "Vera Vistula", role: "vendor", vendorId });
    const other = await api.post<{ id: string }>("/api/vendors", { legalName: "Other Co", country: "VN" });
    await api.post("/api/engagements", { vendorId, name: "Warehouse app" });
    await api.post("/api/engagements", { vendorId: other.id, name: "Someone else's work" });

    const vendorPage = await browser.newPage();
    await signIn(vendorPage.page, warden.url, contact);
    await vendorPage.page.getByRole("heading", { name: "Vendor portal", level: 1 }).waitFor();
    await vendorPage.page
      .getByRole("table", { name: "Your engagements" })
      .getByText("Warehouse app")
      .waitFor();
    await vendorPage.page.getByRole("table", { name: "Roster" }).getByText("Bo Zielinski").waitFor();
    expect(await vendorPage.page.getByText("Someone else's work").count()).toBe(0);
    expect(await vendorPage.page.getByRole("region", { name: "Import a roster CSV" }).count()).toBe(0);
    await saveScreenshot(vendorPage.page, "vendor-portal-desktop");

    await vendorPage.page.goto(`${warden.url}/vendors/${other.id}`);
    await vendorPage.page.getByRole("heading", { name: "Not available to your role" }).waitFor();
    await vendorPage.page.context().close();
  });

  it("shows every column of the roster at 1280 px, long certifications included, without sideways scrolling", async () => {
    await api.post(`/api/vendors/${vendorId}/people`, {
      fullName: "Wiesława Długonazwiska-Przybyszewska",
      email: "wieslawa.dlugonazwiska-przybyszewska@vendor.example",
      roleTitle: "Principal security engineer",
      startDate: isoDate(-30),
      certifications: [
        { name: "Certified Information Systems Security Professional (CISSP)", expiresOn: isoDate(400) },
        { name: "AWS Certified Solutions Architect – Professional", expiresOn: isoDate(300) },
      ],
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${warden.url}/vendors/${vendorId}?tab=roster`);
    const table = page.getByRole("table", { name: "Roster" });
    const cert = table.getByText("Certified Information Systems Security Professional (CISSP)");
    await cert.waitFor();
    const fit = await table.evaluate((t) => ({ table: t.scrollWidth, room: t.parentElement!.clientWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.room);
    const box = await cert.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  });
});
