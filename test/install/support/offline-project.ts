// A fresh npm project that installs the packed tarball the way a user does, but offline: its lockfile
// takes each dependency's version and integrity from this repo's lockfile, so `npm ci --offline`
// finds every tarball in the npm cache that the repo's own `npm ci` filled. PATH holds no compiler.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
} from "node:fs";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { childEnv, repoRoot, type PackedPackage } from "./pack-package.js";

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [key: string]: unknown;
}

const repoLock = (
  JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  }
).packages;

/** The lockfile key `name` resolves to from the package at `from`, as Node's lookup walks upward. */
function resolveKey(from: string, name: string): string {
  for (let dir = from; ; dir = dir.slice(0, Math.max(dir.lastIndexOf("/node_modules/"), 0))) {
    const key = `${dir === "" ? "" : `${dir}/`}node_modules/${name}`;
    if (repoLock[key] !== undefined) return key;
    if (dir === "")
      throw new Error(`${name} (needed by ${from || "gradus"}) is not in package-lock.json`);
  }
}

/** Lockfile entries for `roots` and everything they need, at the repo lockfile's paths. */
function closure(roots: readonly string[]): Record<string, LockEntry> {
  const entries: Record<string, LockEntry> = {};
  const pending = roots.map((name) => resolveKey("", name));
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (entries[key] !== undefined) continue;
    const { dev: _dev, devOptional, ...entry } = repoLock[key]!;
    entries[key] = devOptional === true ? { ...entry, optional: true } : entry;
    const needs = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(needs)) pending.push(resolveKey(key, name));
  }
  return entries;
}

/** Writes package.json and package-lock.json: gradus from the tarball, plus `extras` at the repo's versions. */
export function writeProject(dir: string, packed: PackedPackage, extras: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as LockEntry;
  const spec = `file:${relative(dir, packed.tarball)}`;
  const extraVersions = Object.fromEntries(
    extras.map((name) => [name, repoLock[`node_modules/${name}`]!.version!]),
  );
  const dependencies = { gradus: spec, ...extraVersions };
  // The fields npm records for a package in a lockfile, as `npm install <tarball>` writes them.
  const recorded = [
    "version",
    "license",
    "dependencies",
    "peerDependencies",
    "peerDependenciesMeta",
  ];
  const shipped = Object.fromEntries(
    [...recorded, "bin", "engines"]
      .filter((key) => key in manifest)
      .map((key) => [key, manifest[key]]),
  );
  const packages = {
    "": { name: "install-check", version: "1.0.0", dependencies },
    "node_modules/gradus": { ...shipped, resolved: spec, integrity: packed.integrity },
    ...closure([...Object.keys(manifest.dependencies ?? {}), ...extras]),
  };
  const project = { name: "install-check", version: "1.0.0", type: "module", dependencies };
  writeFileSync(join(dir, "package.json"), JSON.stringify(project, null, 2));
  const lock = {
    name: project.name,
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages,
  };
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
}

/** A PATH of node, npm, npx and sh only: no cc, c++, make or python, so nothing can be compiled. */
export function compilerFreePath(binDir: string): string {
  mkdirSync(binDir, { recursive: true });
  const which = (tool: string) =>
    spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
  const tools = { node: process.execPath, npm: which("npm"), npx: which("npx"), sh: which("sh") };
  for (const [tool, path] of Object.entries(tools))
    symlinkSync(realpathSync(path), join(binDir, tool));
  return binDir;
}

/** Runs a command in the project with the compiler-free PATH and npm offline. */
export function runIn(
  dir: string,
  path: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  const fullEnv = childEnv({ PATH: path, npm_config_offline: "true", ...env });
  return spawnSync(command, args, { cwd: dir, env: fullEnv, encoding: "utf8" });
}

/** Bytes of the files under node_modules and the number of packages npm installed there. */
export function installedSize(dir: string): { readonly bytes: number; readonly packages: number } {
  const walk = (folder: string): number =>
    readdirSync(folder).reduce((sum, name) => {
      const stat = lstatSync(join(folder, name));
      return sum + (stat.isDirectory() ? walk(join(folder, name)) : stat.size);
    }, 0);
  const installed = JSON.parse(
    readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8"),
  ) as { packages: Record<string, unknown> };
  return {
    bytes: walk(join(dir, "node_modules")),
    packages: Object.keys(installed.packages).length,
  };
}
