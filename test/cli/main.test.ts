// `gradus --version` and `-V` print the package version; an unknown option is still one line and exit 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const gradus = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });
const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

test("--version and -V print package.json's version and exit 0", () => {
  assert.match(version, /^\d+\.\d+\.\d+/);
  for (const flag of ["--version", "-V"]) {
    const run = gradus(flag);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
    assert.equal(run.stderr, "");
  }
});

test("--help lists --version", () => {
  assert.match(gradus("--help").stdout, /-V, --version +print the gradus version/);
});

test("an unknown option is one line on stderr and exit 1", () => {
  const run = gradus("--no-such-flag");
  assert.equal(run.status, 1);
  assert.deepEqual(run.stderr.trim().split("\n"), ["error: unknown option '--no-such-flag'"]);
});
