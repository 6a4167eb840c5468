import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, git, scratch, TestRepository } from "../../src/engines/custody/test-repository.ts";
import { type ApiSession, apiSession } from "./harness/api-session.ts";
import { launchBrowser, type TestBrowser, type TestPage } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signIn } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };
const AWS_ID = "AKIAQYLPMN5HHHFPZAM2";

/** A PATCH as the admin (the shared API session only posts and gets). */
async function patchAsAdmin(baseUrl: string, path: string, body: unknown): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(admin),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${baseUrl}${path}`, {
    method: "PATCH",
    headers: { cookie, origin: baseUrl, "x-csrf-token": csrfToken, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH ${path} failed: ${res.status} ${await res.text()}`);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Status {
  repositories: { id: string; syncs: unknown[] }[];
  alerts: { id: string }[];
}

describe("code custody pages", () => {
  let warden: WardenProcess;
  let browser: TestBrowser;
  let tab: TestPage;
  let api: ApiSession;
  let engagementId: string;
  let verificationId: string;
  let work: ReturnType<typeof scratch>;

  beforeAll(async () => {
    work = scratch("warden-custody-browser-");
    [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
    const { page } = await browser.newPage();
    await completeSetup(page, warden.setupUrl as string, admin);
    api = await apiSession(warden.url, admin);
    await patchAsAdmin(warden.url, "/api/settings/custody", { allowFileUrls: true });
    const vendor = await api.post<{ id: string }>("/api/vendors", {
      legalName: "Quillon Soft",
      country: "IN",
    });
    await api.post(`/api/vendors/${vendor.id}/people`, {
      fullName: ALICE.name,
      email: ALICE.email,
      startDate: "2026-01-01",
    });
    const engagement = await api.post<{ id: string }>("/api/engagements", {
      vendorId: vendor.id,
      name: "Payments gateway",
      offshore: true,
    });
    engagementId = engagement.id;

    const repo = TestRepository.create(join(work.dir, "gateway"));
    const kept = repo.commit({ "README.md": "# gateway\n" }, { message: "first" });
    const registered = await api.post<{ id: string }>("/api/custody/repositories", {
      engagementId,
      url: repo.url,
      name: "gateway",
    });
    const status = () => api.get<Status>(`/api/engagements/${engagementId}/custody`);
    // The first sync is queued on registration and runs in the server's worker.
    await until(status, (s) => (s.repositories[0]?.syncs.length ?? 0) >= 1, "the first sync");
    git(repo.dir, ["commit", "-q", "--amend", "-m", "rewritten"]);
    expect(repo.head()).not.toBe(kept);
    await api.post(`/api/custody/repositories/${registered.id}/sync`);
    await until(status, (s) => s.alerts.length === 1, "the force-push alert");

    repo.commit({ "config/aws.ini": `[default]\naws_access_key_id = ${AWS_ID}\n` }, { message: "config" });
    repo.run(["tag", "v1.0.0"]);
    const milestone = await api.post<{ id: string }>(`/api/engagements/${engagementId}/milestones`, {
      title: "Gateway beta",
      amount: 20000,
      currency: "USD",
    });
    const delivery = await api.post<{ verificationId: string }>(
      `/api/milestones/${milestone.id}/code-delivery`,
      {
        repositoryId: registered.id,
        ref: "v1.0.0",
      },
    );
    verificationId = delivery.verificationId;
    const verified = await until(
      () =>
        api.get<{ verdict: string | null; status: string; reasons: string[] }>(
          `/api/custody/verifications/${verificationId}`,
        ),
      (r) => r.verdict !== null,
      "the verification",
    );
    // A verification that could not run has no checks to show: say why here, not in a later step.
    expect(verified.status, `${verified.reasons.join("; ")}\n${warden.output()}`).toBe("rejected");
    tab = await browser.newPage();
    await signIn(tab.page, warden.url, admin);
    tab.problems.length = 0;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    work?.remove();
  });

  it("shows mirrors, the preserved ref of a force-push and lets security acknowledge the alert", async () => {
    const page: Page = tab.page;
    await page.goto(`${warden.url}/custody`);
    await page.getByRole("link", { name: "gateway" }).click();
    await page.getByRole("heading", { name: "History rewrites" }).waitFor();
    expect(await page.getByText(/refs\/heads\/main was [0-9a-f]{12}, kept on/).count()).toBe(1);
    await saveScreenshot(page, "custody-engagement");
    await page.getByLabel("What was found").fill("Amended commit, agreed with the vendor.");
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText(/Acknowledged by ada@example.test/).waitFor();
    expect(tab.problems).toEqual([]);
  });

  it("names the delivered repository on the milestone, and links its verification report", async () => {
    const page: Page = tab.page;
    await page.goto(`${warden.url}/engagements/${engagementId}`);
    const delivered = page.getByText("Delivered: gateway @ v1.0.0");
    await delivered.waitFor();
    await page.getByRole("link", { name: "Verification report" }).click();
    await page.getByRole("heading", { name: "Delivery report: Gateway beta" }).waitFor();
    expect(tab.problems).toEqual([]);
  });

  it("shows the delivery report with the verdict, each check and the finding's file and line", async () => {
    const page: Page = tab.page;
    await page.goto(`${warden.url}/custody/engagements/${engagementId}`);
    await page.getByRole("link", { name: "Gateway beta" }).click();
    await page.getByRole("heading", { name: "Delivery report: Gateway beta" }).waitFor();
    expect(await page.getByText("Rejected", { exact: true }).count()).toBe(1);
    expect(await page.getByText(/^secrets: /).count()).toBeGreaterThan(0);
    expect(await page.getByText("config/aws.ini:2").count()).toBeGreaterThan(0);
    await saveScreenshot(page, "custody-delivery-report");
    expect(tab.problems).toEqual([]);
  });
});
