// Builds the native addon with node-gyp (npm's bundled copy); never fails the install: on any error it
// prints one line and exits 0, and gradus then falls back to the wasm or js backend.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const prefix = join(dirname(process.execPath), "..");
const candidates = [
  process.env.npm_config_node_gyp,
  join(prefix, "lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"),
];
const nodeGyp = candidates.find((path) => path !== undefined && existsSync(path));
const args = ["rebuild", "--directory=native", "--loglevel=silent"];
// Use the headers of the running Node when they are installed (no download needed).
if (!process.env.npm_config_nodedir && existsSync(join(prefix, "include/node/node_api.h")))
  args.push(`--nodedir=${prefix}`);

if (process.env.GRADUS_SKIP_NATIVE) {
  console.log("gradus: native addon not built (GRADUS_SKIP_NATIVE is set); using wasm/js kernels");
} else if (nodeGyp === undefined) {
  console.log("gradus: native addon not built (node-gyp not found); using wasm/js kernels");
} else {
  const result = spawnSync(process.execPath, [nodeGyp, ...args], { encoding: "utf8" });
  if (result.status === 0) {
    console.log("gradus: native addon built (native/build/Release/gradus.node)");
  } else {
    const lines = `${result.stderr ?? ""}${result.stdout ?? ""}`.split("\n");
    const reason = lines.find((line) => /error/i.test(line))?.trim() ?? `exit ${result.status}`;
    console.log(
      `gradus: native addon build failed (${reason.slice(0, 160)}); using wasm/js kernels`,
    );
  }
}
