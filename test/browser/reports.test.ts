import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWorkspace, type Workspace } from "./harness/workspace.ts";

/** The bytes of a download the page started. */
async function downloadedBytes(download: import("playwright-core").Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("reports and exports in the UI", () => {
  let ws: Workspace;
  let engagementId: string;

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.adminApi.post("/api/demo");
    const engagements = await ws.adminApi.get<{ items: { id: string; name: string }[] }>("/api/engagements");
    engagementId = engagements.items[0]!.id;
  });
  afterAll(async () => {
    await ws?.browser.close();
    await ws?.warden.stop();
  });

  it("downloads the engagement's audit pack as a PDF from its page", async () => {
    const { page } = ws.adminPage;
    await page.goto(`${ws.warden.url}/engagements/${engagementId}`);
    const link = page.getByRole("link", { name: "Download audit pack (PDF)" });
    await link.waitFor();
    // Each control names its framework references.
    await page
      .locator("#control-DD-1")
      .getByText("ISO/IEC 27001:2022 A.5.9, A.5.12, A.5.19 · SOC 2 CC3.2, C1.1 · NIST CSF 2.0 ID.AM-05")
      .waitFor();
    await saveScreenshot(page, "engagement-audit-pack-button-desktop", { fullPage: false });

    // What the link answers, fetched with the page's own session.
    const href = (await link.getAttribute("href")) as string;
    const answer = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get("content-type"),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, href);
    expect(answer).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-pack-.*\.pdf$/);
    expect((await downloadedBytes(download)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("exports the vendors table as CSV with the page's search applied", async () => {
    const { page } = ws.adminPage;
    await page.goto(`${ws.warden.url}/vendors?q=kaveri`);
    const link = page.getByRole("link", { name: "Export the vendors as CSV" });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^vendors-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await downloadedBytes(download)).toString("utf8");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^Legal name,Country,/);
    const vendors = await ws.adminApi.get<{ total: number }>("/api/vendors?q=kaveri");
    expect(vendors.total).toBeGreaterThan(0);
    expect(lines).toHaveLength(vendors.total + 1);
    expect(lines.slice(1).every((line) => /kaveri/i.test(line))).toBe(true);
  });
});
