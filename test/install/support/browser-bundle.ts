// Builds a one-file browser app with Vite against the installed package and measures what it ships.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

/** The bundle's files with raw and gzipped bytes; the entry chunk is what the page loads first. */
export interface BundleSize {
  readonly files: readonly { name: string; bytes: number; gzipBytes: number }[];
  /** The entry chunk's path: the page's one script. */
  readonly entryFile: string;
  readonly entryGzipBytes: number;
  readonly totalGzipBytes: number;
}

/** Writes index.html + main.ts into `appDir`, builds with Vite (production) and measures the output. */
export async function bundleApp(appDir: string, mainSource: string): Promise<BundleSize> {
  mkdirSync(appDir, { recursive: true });
  writeFileSync(join(appDir, "main.ts"), mainSource);
  writeFileSync(
    join(appDir, "index.html"),
    '<!doctype html><html><body><script type="module" src="./main.ts"></script></body></html>\n',
  );
  await build({
    root: appDir,
    configFile: false,
    logLevel: "error",
    // No modulepreload polyfill (it needs a DOM): the bundle is then only the app and gradus, and runs in Node too.
    build: { outDir: "out", modulePreload: { polyfill: false } },
  });
  const assets = join(appDir, "out", "assets");
  const html = readFileSync(join(appDir, "out", "index.html"), "utf8");
  const files = readdirSync(assets)
    .filter((name) => /\.(js|wasm)$/.test(name))
    .map((name) => {
      const content = readFileSync(join(assets, name));
      return { name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
  const entry = files.find((file) => html.includes(`/assets/${file.name}`));
  if (entry === undefined) throw new Error(`no entry chunk in ${html}`);
  const totalGzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    files,
    entryFile: join(assets, entry.name),
    entryGzipBytes: entry.gzipBytes,
    totalGzipBytes,
  };
}
