import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { launchBrowser, type TestBrowser } from "./harness/launch-browser.ts";
import { saveScreenshot } from "./harness/screenshot.ts";
import { freePort, startWarden, type WardenProcess } from "./harness/start-warden.ts";
import { completeSetup, signOut } from "./harness/ui-session.ts";

const admin = { name: "Ada Admin", email: "ada@example.test", password: "correct horse battery staple" };

/** Single sign-on through a real identity provider's pages, and a TOTP second factor, in Chromium. */
describe("sign-in with single sign-on and a second factor", () => {
  let provider: TestOidcProvider;
  let warden: WardenProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      publicUrls: [url],
      accounts: {
        sam: { email: "sam@example.test", email_verified: true, name: "Sam Sec", groups: ["warden-sec"] },
      },
    });
    [warden, browser] = await Promise.all([
      startWarden({
        port,
        env: provider.env(url, {
          WARDEN_OIDC_ROLE_CLAIM: "groups",
          WARDEN_OIDC_ROLE_MAP: "warden-sec:security",
        }),
      }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await warden?.stop();
    await provider?.stop();
  });

  it("sets up an authenticator, then signs in with the password and a code", async () => {
    const { page, problems } = await browser.newPage();
    await completeSetup(page, warden.setupUrl as string, admin);
    await page.goto(`${warden.url}/settings/security`);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const qr = page.getByRole("img", { name: "QR code of the authenticator key" });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(50);
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await saveScreenshot(page, "second-factor-enrolment");
    await page.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByRole("button", { name: "I have stored them" }).click();
    await page.getByText("10 of 10 recovery codes left").waitFor();

    await signOut(page);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Second factor" }).waitFor();
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText(/Wrong code/).waitFor();
    // The next time step's code: later than the one enrolment used, and within the ±1 window.
    await page.getByLabel("Code").fill(codeAt(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await whoAmI(page)).toMatchObject({ email: admin.email, secondFactor: true });
    expect(problems.filter((p) => !/401|status of 4\d\d/.test(p))).toEqual([]);
  });

  it("signs in through the identity provider's sign-in and consent pages", async () => {
    const { page } = await browser.newPage();
    await page.goto(`${warden.url}/login`);
    await page.getByRole("link", { name: "Sign in with Test Identity" }).click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill("sam");
    await page.locator('input[name="password"]').fill("any password");
    await saveScreenshot(page, "sso-provider-sign-in");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(page.url().startsWith(warden.url)).toBe(true);
    expect(await whoAmI(page)).toMatchObject({ email: "sam@example.test", role: "security" });
    await saveScreenshot(page, "sso-signed-in");
  });
});

function codeAt(secret: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });
}

async function whoAmI(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const res = await fetch("/api/auth/me");
    return ((await res.json()) as { user: Record<string, unknown> }).user;
  });
}
