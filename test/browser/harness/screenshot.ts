import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "./repo-root.ts";

export const SCREENSHOT_DIR = join(REPO_ROOT, "test-results", "screenshots");

/**
 * Saves a PNG as test-results/screenshots/<name>.png and returns its path: the
 * whole page by default, the viewport only with `{ fullPage: false }` (for modals,
 * whose backdrop covers only the viewport).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
