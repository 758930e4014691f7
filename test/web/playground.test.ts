// The playground in real Chromium: build it with Vite, serve it on 127.0.0.1, read the lecture's numbers off it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { build } from "vite";
import { serveStatic } from "../support/static-server.js";

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
const repo = fileURLToPath(new URL("../../", import.meta.url));
const screenshots = join(repo, "test-output");
const missing = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (apt-get install -y chromium)`;

const text = async (page: Page, testid: string) =>
  (await page.getByTestId(testid).textContent())?.trim() ?? "";
const number = async (page: Page, testid: string) =>
  Number((await text(page, testid)).replace("−", "-"));

async function graphPage(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#graph`);
  await page.locator('[data-testid="graph"] svg').waitFor();
  await page.getByTestId("run-all").click();
  assert.ok(Math.abs((await number(page, "grad-x")) - 5.5) < 1e-9, await text(page, "grad-x"));
  const dfdy = 2 - Math.cos(5);
  assert.ok(Math.abs((await number(page, "grad-y")) - dfdy) < 1e-8, await text(page, "grad-y"));
  assert.ok(Math.abs((await number(page, "numgrad-y")) - dfdy) < 1e-6);
  assert.ok(Math.abs((await number(page, "f-value")) - 11.652) < 1e-3);
  await page.screenshot({ path: join(screenshots, "playground-graph.png"), fullPage: true });

  await page.getByTestId("reset").click();
  const forward = page.getByTestId("step-forward");
  while (await forward.isEnabled()) await forward.click();
  const adjoints = page.locator('[data-testid^="adjoint-"]');
  const filled = async () =>
    (await adjoints.allTextContents()).filter((content) => content.trim() !== "").length;
  assert.equal(await filled(), 0, "no adjoint before Backward");
  await page.getByTestId("step-backward").click();
  assert.equal(await filled(), 1, "one adjoint after one Backward step");
  assert.equal(await text(page, "adjoint-f"), "1");
  for (let i = 0; i < 3; i++) await page.getByTestId("step-backward").click();
  assert.match(await text(page, "step-status"), /B\(\w+\) \+= B\(\w+\)/);
  await page.screenshot({
    path: join(screenshots, "playground-graph-backward.png"),
    fullPage: true,
  });

  await page.getByTestId("expression").fill("log(x + ");
  assert.match(await text(page, "error"), /parse error at column \d+/);
  await page.getByTestId("expression").fill("log(x) + x*y - sin(y)");
  await page.getByTestId("var-x").fill("-1");
  assert.match(await text(page, "notes"), /log\(x\) is NaN at x = −1/);
  await page.getByTestId("run-all").click();
  assert.equal(await text(page, "f-value"), "NaN");
  assert.match(await text(page, "notes"), /f has no derivative here/);
  await page.screenshot({
    path: join(screenshots, "playground-graph-undefined.png"),
    fullPage: true,
  });
}

test("the playground in Chromium", { skip: !process.env.CI && missing }, async (t) => {
  if (missing) assert.fail(`the playground test needs Chromium in CI: ${missing}`);
  await build({ configFile: join(repo, "web/vite.config.ts"), logLevel: "error" });
  await mkdir(screenshots, { recursive: true });
  const server = await serveStatic(join(repo, "web/dist"));
  const profile = await mkdtemp(join(tmpdir(), "gradus-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: 1600, height: 1000 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await t.test("page 1: the lecture's graph, f(x, y) = log x + xy − sin y at (2, 5)", () =>
      graphPage(page, server.url),
    );
    assert.deepEqual(errors, [], "no errors in the browser console");
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
});
