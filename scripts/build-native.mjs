// Builds the native addon with node-gyp (npm's bundled copy) into native/build/Release.
// From `prepare` in a clone it never fails the install: on any error it prints one line and exits 0,
// and gradus falls back to wasm. When npm packs or publishes (or with --prebuild) the build must
// succeed, and the addon is staged as prebuilds/<platform>-<arch>/node.napi.<libc>.node so that it
// travels in the tarball; `--unstage` (postpack) removes that copy again.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, rmdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "native", "build", "Release", "gradus.node");
const packing =
  process.argv.includes("--prebuild") || ["pack", "publish"].includes(process.env.npm_command);

/** prebuildify's name for this platform's N-API binary (libc tagged on Linux). */
function prebuildPath() {
  const folder = join(root, "prebuilds", `${process.platform}-${process.arch}`);
  if (process.platform !== "linux") return join(folder, "node.napi.node");
  const libc = process.report.getReport().header.glibcVersionRuntime ? "glibc" : "musl";
  return join(folder, `node.napi.${libc}.node`);
}

function unstage() {
  const file = prebuildPath();
  rmSync(file, { force: true });
  for (const folder of [dirname(file), dirname(dirname(file))]) {
    if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
  }
}

/** Runs node-gyp; returns null on success, else the first error line. */
function build() {
  const prefix = join(dirname(process.execPath), "..");
  const nodeGyp = [
    process.env.npm_config_node_gyp,
    join(prefix, "lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"),
  ].find((path) => path !== undefined && existsSync(path));
  if (nodeGyp === undefined) return "node-gyp not found";
  const args = ["rebuild", `--directory=${join(root, "native")}`, "--loglevel=silent"];
  // Use the headers of the running Node when they are installed (no download needed).
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, "include/node/node_api.h")))
    args.push(`--nodedir=${prefix}`);
  const result = spawnSync(process.execPath, [nodeGyp, ...args], { encoding: "utf8" });
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ""}${result.stdout ?? ""}`.split("\n");
  return (lines.find((line) => /error/i.test(line))?.trim() ?? `exit ${result.status}`).slice(
    0,
    160,
  );
}

/** Copies the fresh build to prebuilds/, after checking that it loads here. */
function stage() {
  const isa = createRequire(import.meta.url)(built).init(new Float64Array(64));
  const target = prebuildPath();
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  console.error(`gradus: prebuilt binary staged at ${relative(root, target)} (this CPU: ${isa})`);
  if (!existsSync(join(root, "prebuilds", "linux-x64")))
    console.error("gradus: warning: the package has no linux-x64 binary (pack on linux-x64 too)");
}

if (process.argv.includes("--unstage")) {
  unstage();
} else if (process.env.GRADUS_SKIP_NATIVE) {
  console.error(
    "gradus: native addon not built (GRADUS_SKIP_NATIVE is set); using wasm/js kernels",
  );
} else {
  const failure = build();
  if (failure === null && packing) {
    stage();
  } else if (failure === null) {
    console.error("gradus: native addon built (native/build/Release/gradus.node)");
  } else if (packing) {
    console.error(`gradus: native addon build failed (${failure}): the package needs its binary`);
    process.exit(1);
  } else {
    console.error(`gradus: native addon build failed (${failure}); using wasm/js kernels`);
  }
}
