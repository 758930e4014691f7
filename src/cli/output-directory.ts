// Creating --out safely: one directory at a time, because Node 20's recursive mkdir spins forever on
// paths it cannot create (e.g. under /proc); every failure is one line naming the flag and the path.
import { access, constants, mkdir, stat } from "node:fs/promises";
import { dirname, parse, resolve, sep } from "node:path";
import { io } from "../node.js";

/** The directories from the root down to `directory`, e.g. /, /a, /a/b. */
function ancestry(directory: string): string[] {
  const absolute = resolve(directory);
  const { root } = parse(absolute);
  const parts = absolute.slice(root.length).split(sep).filter(Boolean);
  return parts.map((_, i) => root + parts.slice(0, i + 1).join(sep));
}

/**
 * Makes `directory` (and missing parents) and checks that it can be written; `flag` names the option
 * in errors, e.g. `--out "/proc/x": cannot create /proc/x: no such file or directory (ENOENT)`.
 * @example await prepareOutputDirectory("--out", "gradus-output");
 */
export async function prepareOutputDirectory(flag: string, directory: string): Promise<void> {
  const fail = (what: string, error: unknown): never => {
    throw new Error(`${flag} "${directory}": ${what}: ${io.describeFsError(error)}`);
  };
  for (const path of ancestry(directory)) {
    const found = await stat(path).catch((error: { code?: string }) =>
      error.code === "ENOENT" ? null : fail(`cannot look at ${path}`, error),
    );
    if (found === null) {
      await mkdir(path).catch((error: { code?: string }) =>
        error.code === "EEXIST" ? undefined : fail(`cannot create ${path}`, error),
      );
    } else if (!found.isDirectory())
      throw new Error(`${flag} "${directory}": ${path} is not a directory`);
  }
  await access(directory, constants.W_OK).catch((error) => {
    throw new Error(`cannot write to "${directory}": ${io.describeFsError(error)}`);
  });
}

/** Checks that the directory a file goes into exists and can be written (before any long work). */
export async function checkWritableParent(flag: string, file: string): Promise<void> {
  const directory = dirname(resolve(file));
  const found = await stat(directory).catch(() => null);
  if (found === null || !found.isDirectory())
    throw new Error(`${flag} "${file}": the directory ${directory} does not exist`);
  await access(directory, constants.W_OK).catch((error) => {
    throw new Error(
      `${flag} "${file}": cannot write to ${directory}: ${io.describeFsError(error)}`,
    );
  });
}
