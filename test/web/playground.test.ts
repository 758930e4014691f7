// The playground in real Chromium: build it with Vite, serve it on 127.0.0.1, read the lecture's numbers off it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { build } from "vite";
import { chromiumMissing, withChromiumPage } from "../support/chromium.js";
import { serveStatic } from "../support/static-server.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const screenshots = join(repo, "test-output");

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

async function train(page: Page, steps: number): Promise<void> {
  const start = await number(page, "step-count");
  await page.getByTestId("train").click();
  const target = start + steps;
  await page.waitForFunction(
    `Number(document.querySelector('[data-testid="step-count"]')?.textContent) >= ${target}`,
    undefined,
    { timeout: 20_000 },
  );
  await page.getByTestId("train").click();
}

async function descentPage(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#descent`);
  await page.getByTestId("step-count").filter({ hasText: "0" }).waitFor();
  await page.getByTestId("speed").selectOption("20");
  const initial = await number(page, "loss-initial");
  assert.ok(Math.abs(initial - Math.log(2)) < 1e-6, "logistic regression starts at θ = 0");
  const inverseL = await number(page, "inverse-l");
  assert.ok(inverseL > 0 && Number.isFinite(inverseL));
  await train(page, 300);
  const trained = await number(page, "loss-value");
  assert.ok(trained < 0.8 * initial, `full GD at α = 0.9/L: ${initial} → ${trained}`);
  await page.getByTestId("monitor-ok").waitFor();
  await page.screenshot({ path: join(screenshots, "playground-descent-gd.png"), fullPage: true });

  await page.getByTestId("lr-input").fill((20 * inverseL).toPrecision(3));
  await page.getByTestId("lr-input").dispatchEvent("change");
  await page.getByTestId("reset-training").click();
  await train(page, 40);
  await page.getByTestId("monitor-warning").waitFor();
  assert.match(await text(page, "monitor-warning"), /f rose at [1-9]\d* steps?/);
  await page.screenshot({
    path: join(screenshots, "playground-descent-too-large.png"),
    fullPage: true,
  });

  await page.getByTestId("dataset").selectOption("moons");
  await page.getByTestId("model").selectOption("mlp");
  await page.getByTestId("method").selectOption("miniBatchSgd");
  await page.getByTestId("lr-safe").click();
  const start = await number(page, "loss-value");
  await train(page, 300);
  assert.ok((await number(page, "loss-value")) < 0.8 * start, "mini-batch SGD on moons");
  await page.screenshot({
    path: join(screenshots, "playground-descent-moons.png"),
    fullPage: true,
  });
}

test("the playground in Chromium", { skip: !process.env.CI && chromiumMissing }, async (t) => {
  if (chromiumMissing) assert.fail(`the playground test needs Chromium in CI: ${chromiumMissing}`);
  await build({ configFile: join(repo, "web/vite.config.ts"), logLevel: "error" });
  await mkdir(screenshots, { recursive: true });
  const server = await serveStatic(join(repo, "web/dist"));
  try {
    await withChromiumPage(async (page, errors) => {
      await t.test("page 1: the lecture's graph, f(x, y) = log x + xy − sin y at (2, 5)", () =>
        graphPage(page, server.url),
      );
      await t.test(
        "page 2: logistic regression and an MLP trained live by GD and mini-batch SGD",
        () => descentPage(page, server.url),
      );
      assert.deepEqual(errors, [], "no errors in the browser console");
    });
  } finally {
    await server.close();
  }
});
