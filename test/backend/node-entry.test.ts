// The Node entry picks the fastest backend, says which once under GRADUS_VERBOSE, and falls back
// without the addon (GRADUS_NO_NATIVE); GRADUS_BACKEND selects one by name.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { addonPath } from "../../src/backend/native/load.js";

const entry = fileURLToPath(new URL("../../src/node.ts", import.meta.url));

function backendIn(env: Record<string, string>): { stdout: string; stderr: string[] } {
  const script = `const g = await import(${JSON.stringify(entry)}); console.log(g.getBackend());`;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    { env: { ...process.env, GRADUS_BACKEND: "", GRADUS_NO_NATIVE: "", ...env }, encoding: "utf8" },
  );
  assert.equal(result.status, 0, result.stderr);
  return { stdout: result.stdout.trim(), stderr: result.stderr.split("\n").filter(Boolean) };
}

test("the Node entry uses native when the addon is built, and says so once", () => {
  const { stdout, stderr } = backendIn({ GRADUS_VERBOSE: "1" });
  if (existsSync(addonPath())) assert.equal(stdout, "native");
  assert.equal(stderr.length, 1);
  assert.match(stderr[0]!, new RegExp(`^gradus: using the ${stdout} backend`));
});

test("without the addon it falls back silently unless GRADUS_VERBOSE is set", () => {
  const quiet = backendIn({ GRADUS_NO_NATIVE: "1" });
  assert.ok(quiet.stdout === "wasm" || quiet.stdout === "js", quiet.stdout);
  assert.deepEqual(quiet.stderr, []);
  const verbose = backendIn({ GRADUS_NO_NATIVE: "1", GRADUS_VERBOSE: "1" });
  assert.match(
    verbose.stderr[0]!,
    /using the (wasm|js) backend \(native unavailable: GRADUS_NO_NATIVE/,
  );
});

test("GRADUS_BACKEND picks a backend by name", () => {
  assert.equal(backendIn({ GRADUS_BACKEND: "js" }).stdout, "js");
});

test("GRADUS_BACKEND=native without the addon, or a bogus name: one line, then the fastest backend", () => {
  const native = backendIn({ GRADUS_BACKEND: "native", GRADUS_NO_NATIVE: "1" });
  assert.ok(native.stdout === "wasm" || native.stdout === "js", native.stdout);
  assert.deepEqual(native.stderr, [
    `gradus: GRADUS_BACKEND: backend "native" is unavailable: GRADUS_NO_NATIVE is set (available here: js${native.stdout === "wasm" ? ", wasm" : ""}); using ${native.stdout}`,
  ]);
  const bogus = backendIn({ GRADUS_BACKEND: "bogus" });
  assert.equal(bogus.stderr.length, 1);
  assert.match(
    bogus.stderr[0]!,
    /^gradus: GRADUS_BACKEND: backend "bogus" is unavailable: "bogus" is not a backend \(the backends are js, wasm, native;/,
  );
});

test("setBackend says why a backend is unavailable, or that the name is not a backend", () => {
  const script = `const g = await import(${JSON.stringify(entry)});
    for (const name of ["native", "cuda"]) { try { g.setBackend(name); } catch (e) { console.log(e.name + ": " + e.message); } }`;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      env: { ...process.env, GRADUS_BACKEND: "", GRADUS_NO_NATIVE: "1" },
      encoding: "utf8",
    },
  );
  const lines = result.stdout.trim().split("\n");
  assert.match(
    lines[0]!,
    /^BackendUnavailableError: backend "native" is unavailable: GRADUS_NO_NATIVE is set/,
  );
  assert.match(
    lines[1]!,
    /^BackendUnavailableError: backend "cuda" is unavailable: "cuda" is not a backend/,
  );
});

test("in Node, io and data carry the file functions; the browser entry has the byte codecs only", async () => {
  const node = await import("../../src/node.js");
  for (const name of ["saveSafetensors", "loadSafetensors", "saveCheckpoint", "loadCheckpoint"]) {
    assert.equal(typeof (node.io as Record<string, unknown>)[name], "function", `io.${name}`);
  }
  assert.equal(typeof node.io.encodeSafetensors, "function");
  for (const name of ["loadSpamAssassin", "loadMnist", "loadIris", "readTable", "DataLoader"]) {
    assert.equal(typeof (node.data as Record<string, unknown>)[name], "function", `data.${name}`);
  }
  const browser = await import("../../src/index.js");
  assert.equal((browser.io as Record<string, unknown>).saveSafetensors, undefined);
  assert.equal((browser.data as Record<string, unknown>).loadSpamAssassin, undefined);
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  // The "node" condition carries its own types, so a Node project type-checks io and data in full.
  assert.deepEqual(manifest.exports["."].node, {
    types: "./dist/node.d.ts",
    default: "./dist/node.js",
  });
});
