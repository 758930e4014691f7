// Packs gradus as `npm pack` does for a release, from a copy of the sources (so the tests running beside
// it keep their dist/ and native build): prepare compiles dist/ and the addon, which travels as a prebuild.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** What `npm pack --json` reports about the tarball. */
export interface PackedPackage {
  readonly tarball: string;
  readonly integrity: string;
  /** Bytes of the .tgz. */
  readonly size: number;
  /** Bytes of the files inside it. */
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/** The environment of a child npm: the parent npm's per-run variables removed (they name this repo). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const perRun =
      /^npm_(command|lifecycle_|package_|config_local_prefix|config_call|config_offline)/;
    if (!perRun.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, ...extra };
}

/** Copies what the build reads (sources, configs, README) into `workDir/stage`, then packs it there. */
export function packPackage(workDir: string): PackedPackage {
  const stage = join(workDir, "stage");
  mkdirSync(join(stage, "native"), { recursive: true });
  mkdirSync(join(stage, "scripts"));
  for (const path of ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "src"])
    cpSync(join(repoRoot, path), join(stage, path), { recursive: true });
  cpSync(join(repoRoot, "scripts", "build-native.mjs"), join(stage, "scripts", "build-native.mjs"));
  for (const path of ["binding.gyp", "src"])
    cpSync(join(repoRoot, "native", path), join(stage, "native", path), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules"), join(stage, "node_modules"), "dir");
  const result = spawnSync("npm", ["pack", "--json", "--pack-destination", workDir], {
    cwd: stage,
    env: childEnv(),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  // The JSON report is the last thing on stdout.
  const [report] = JSON.parse(result.stdout.slice(result.stdout.indexOf("[\n"))) as {
    filename: string;
    integrity: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (report === undefined) throw new Error(`npm pack printed no report:\n${result.stdout}`);
  return {
    tarball: join(workDir, report.filename),
    integrity: report.integrity,
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((file) => file.path),
  };
}
