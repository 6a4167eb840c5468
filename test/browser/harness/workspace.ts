import { type ApiSession, apiSession } from "./api-session.ts";
import { launchBrowser, type TestBrowser, type TestPage } from "./launch-browser.ts";
import { startWarden, type WardenProcess } from "./start-warden.ts";
import { completeSetup } from "./ui-session.ts";

export const ADMIN = {
  name: "Ada Admin",
  email: "ada@example.test",
  password: "correct horse battery staple",
};
export const SECURITY = { email: "sam@example.test", password: "a long enough password 42" };

export interface Workspace {
  warden: WardenProcess;
  browser: TestBrowser;
  /** The page that completed the setup, still signed in as the admin. */
  adminPage: TestPage;
  adminApi: ApiSession;
  /** Signed in as Sam Security (role security). */
  securityApi: ApiSession;
}

/**
 * A running Warden whose first admin was created through the setup page, with a security user,
 * a browser, and API sessions for both users: where most browser tests start.
 */
export async function startWorkspace(): Promise<Workspace> {
  const [warden, browser] = await Promise.all([startWarden(), launchBrowser()]);
  const adminPage = await browser.newPage();
  await completeSetup(adminPage.page, warden.setupUrl as string, ADMIN);
  const adminApi = await apiSession(warden.url, ADMIN);
  await adminApi.post("/api/users", { ...SECURITY, name: "Sam Security", role: "security" });
  const securityApi = await apiSession(warden.url, SECURITY);
  return { warden, browser, adminPage, adminApi, securityApi };
}
