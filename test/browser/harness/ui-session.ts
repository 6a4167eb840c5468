import type { Page } from "playwright-core";

export interface Credentials {
  email: string;
  password: string;
}

export interface NewAdmin extends Credentials {
  name: string;
}

/** Opens the one-time setup link and creates the first admin; resolves once the dashboard shows. */
export async function completeSetup(page: Page, setupUrl: string, admin: NewAdmin): Promise<void> {
  await page.goto(setupUrl);
  await page.getByLabel("Full name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Repeat the password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Signs in through the login form (from wherever the page is) and waits for the signed-in shell. */
export async function signIn(page: Page, baseUrl: string, user: Credentials): Promise<void> {
  if (!new URL(page.url(), baseUrl).pathname.startsWith("/login")) await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  const mustChange = page.getByRole("heading", { name: "Choose your own password" });
  if (await mustChange.isVisible()) {
    // An admin set this password: keep the same one, so that the test's credentials stay valid.
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password").fill(user.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await mustChange.waitFor({ state: "detached" });
  }
}

/** Signs out with the top-bar button and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}
