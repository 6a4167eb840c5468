import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

/** Debian's Chromium; the CI installs it with apt. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP_VIEWPORT = { width: 1280, height: 800 } as const;
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

export interface TestBrowser {
  browser: Browser;
  /** A page in its own context (own cookies); collects console errors and page crashes. */
  newPage(options?: BrowserContextOptions): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
}

/**
 * Launches headless Chromium through playwright-core. Playwright gives every
 * launch a fresh temporary profile (user-data dir) and removes it on close.
 *
 * @example
 * const browser = await launchBrowser();
 * const { page } = await browser.newPage({ viewport: PHONE_VIEWPORT });
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, ...options });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      return { page, problems };
    },
    close: () => browser.close(),
  };
}
