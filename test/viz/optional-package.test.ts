// Optional packages load on first use; a missing one is a one-line MissingPackageError naming what to
// install, at the versions package.json pins (they are devDependencies and optional peers, never
// dependencies), and the dataset packages follow the same rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  importOptional,
  MissingPackageError,
  OPTIONAL_PACKAGES,
} from "../../src/viz/optional-package.js";
import { DATASET_PACKAGES } from "../../src/data/node/package-files.js";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

test("an installed optional package is imported", async () => {
  const vegaLite = await importOptional<{ compile: unknown }>("linePlotSvg", "vega-lite");
  assert.equal(typeof vegaLite.compile, "function");
});

test("a missing package is one line naming the feature and the install command", async () => {
  await assert.rejects(
    () => importOptional("drawSomething", "gradus-no-such-package"),
    (error: unknown) => {
      assert.ok(error instanceof MissingPackageError);
      assert.equal(
        error.message,
        "drawSomething needs the package gradus-no-such-package, which is not installed: npm install gradus-no-such-package@latest",
      );
      assert.deepEqual(error.packages, ["gradus-no-such-package"]);
      return true;
    },
  );
  const both = new MissingPackageError("linePlotSvg", ["vega", "vega-lite"]);
  assert.equal(
    both.message,
    "linePlotSvg needs the packages vega and vega-lite, which are not installed: npm install vega@6.4.0 vega-lite@6.4.3",
  );
});

test("optional packages: pinned as devDependencies, optional peers, not dependencies", () => {
  for (const [name, version] of Object.entries(OPTIONAL_PACKAGES)) {
    assert.equal(manifest.devDependencies[name], version, name);
    assert.equal(manifest.peerDependencies[name], `^${version}`, name);
    assert.equal(manifest.peerDependenciesMeta[name]?.optional, true, name);
    assert.equal(manifest.dependencies[name], undefined, name);
  }
  assert.deepEqual(
    Object.keys(manifest.peerDependencies).sort(),
    Object.keys(OPTIONAL_PACKAGES).sort(),
  );
});

test("dataset packages: pinned as devDependencies, never dependencies", () => {
  for (const [name, version] of Object.entries(DATASET_PACKAGES)) {
    assert.equal(manifest.devDependencies[name], version, name);
    assert.equal(manifest.dependencies[name], undefined, name);
  }
});
