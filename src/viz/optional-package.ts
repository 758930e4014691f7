// Optional packages (plots, PNG, graph drawing) loaded on first use: importing gradus never pays for
// them, and a missing one is a one-line error that names the package to add.

/** The optional packages and the versions gradus is tested with (package.json pins the same). */
export const OPTIONAL_PACKAGES: Readonly<Record<string, string>> = {
  vega: "6.4.0",
  "vega-lite": "6.4.3",
  "@resvg/resvg-js": "2.6.2",
  "@viz-js/viz": "3.31.0",
};

/** A feature was used whose optional package is not installed. */
export class MissingPackageError extends Error {
  constructor(
    readonly feature: string,
    readonly packages: readonly string[],
  ) {
    const specs = packages.map((name) => `${name}@${OPTIONAL_PACKAGES[name] ?? "latest"}`);
    const names =
      packages.length === 1
        ? `the package ${packages[0]}`
        : `the packages ${packages.join(" and ")}`;
    const verb = packages.length === 1 ? "is" : "are";
    super(`${feature} needs ${names}, which ${verb} not installed: npm install ${specs.join(" ")}`);
    this.name = "MissingPackageError";
  }
}

/** True when `error` says that `name` itself (not one of its own imports) could not be found. */
function isNotFound(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const named = error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`);
  // Node: ERR_MODULE_NOT_FOUND; browsers: a TypeError for a bare specifier no import map resolves.
  return (
    named &&
    ((error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND" || error instanceof TypeError)
  );
}

/**
 * Imports an optional package at run time, or throws MissingPackageError naming what to install
 * (`install`, when the feature needs several packages together).
 * NOTE: the specifier is a variable on purpose, so bundlers leave the import alone and a browser app
 * that never draws still builds without these packages; draw in a browser with them directly.
 * @example const vega = await importOptional<typeof VegaModule>("linePlotSvg", "vega"); // import type * as VegaModule from "vega"
 */
export async function importOptional<T>(
  feature: string,
  name: string,
  install: readonly string[] = [name],
): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as T;
  } catch (error) {
    if (isNotFound(error, name)) throw new MissingPackageError(feature, install);
    throw error;
  }
}
