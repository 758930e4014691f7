// Headless Chromium for the browser tests: where it is expected, how it is launched, and cleanup.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run here, or false when Chromium is installed. */
export const chromiumMissing: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (apt-get install -y chromium)`;

/** Runs `body` with a fresh headless Chromium page (own profile), collecting console errors. */
export async function withChromiumPage<T>(
  body: (page: Page, errors: readonly string[]) => Promise<T>,
): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), "gradus-chromium-"));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1600, height: 1000 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    return await body(page, errors);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}
