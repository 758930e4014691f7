// Type-checks files in the temp project with this repo's TypeScript, in strict mode and with the
// package's declarations checked too (skipLibCheck off), as a Node project or as a browser project.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./pack-package.js";

const strict = {
  target: "ES2022",
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
};

/** Node: NodeNext resolution ("node" condition → dist/node.d.ts), @types/node, emits JS to out/.
 *  Browser: bundler resolution (dist/index.d.ts), DOM and no Node types, emits nothing. */
const surfaces = {
  node: {
    ...strict,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022"],
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    outDir: "out",
    rootDir: ".",
  },
  browser: {
    ...strict,
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2022", "DOM"],
    types: [],
    noEmit: true,
  },
};

/** Runs tsc on `files` (relative to `dir`); status 0 when they check. */
export function typeCheck(
  dir: string,
  surface: keyof typeof surfaces,
  files: readonly string[],
): { status: number | null; output: string } {
  const config = join(dir, `tsconfig.${surface}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: surfaces[surface], files }, null, 2));
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", config], { cwd: dir, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
