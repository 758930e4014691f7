// The wasm matmul's Web Worker threads in real Chromium, on a cross-origin-isolated page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromiumMissing, withChromiumPage } from "../support/chromium.js";
import { serveStatic } from "../support/static-server.js";

const fixture = fileURLToPath(new URL("./fixtures/wasm-threads/", import.meta.url));

test(
  "wasm matmul on 2 Web Workers: same bits as one thread",
  { skip: !process.env.CI && chromiumMissing },
  async () => {
    if (chromiumMissing) assert.fail(`the browser tests need Chromium in CI: ${chromiumMissing}`);
    const out = await mkdtemp(join(tmpdir(), "gradus-wasm-threads-"));
    try {
      await build({
        root: fixture,
        base: "./",
        logLevel: "error",
        configFile: false,
        build: { outDir: out, emptyOutDir: true, target: "es2022" },
      });
      const server = await serveStatic(out, { isolated: true });
      try {
        await withChromiumPage(async (page, errors) => {
          await page.goto(server.url);
          await page.waitForFunction("globalThis.gradusResult !== undefined", undefined, {
            timeout: 20_000,
          });
          const result = (await page.evaluate("globalThis.gradusResult")) as Record<
            string,
            unknown
          >;
          assert.equal(result.error, undefined, String(result.error));
          assert.equal(result.isolated, true, "the page is cross-origin isolated");
          assert.equal(result.off, null, `threads turned off: ${String(result.off)}`);
          assert.equal(result.threads, 2);
          assert.ok(Number(result.threadedProducts) >= 1, "a product ran on the workers");
          assert.equal(result.sameBits, true, "2 workers give the bits of one thread");
          assert.ok(
            Number(result.cornerError) < 1e-3,
            `C[255, 259] off by ${String(result.cornerError)}`,
          );
          assert.deepEqual(errors, [], "no errors in the browser console");
        });
      } finally {
        await server.close();
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  },
);
