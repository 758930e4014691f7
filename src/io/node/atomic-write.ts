// Crash-safe file writes: temp file in the same directory, fsync, rename over the target, fsync the directory.
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

let counter = 0;

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "no such file or directory",
  ENOTDIR: "a parent is not a directory",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EISDIR: "is a directory",
};

/** A one-line description of a file-system error ("permission denied (EACCES)"). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return `${REASONS[code] ?? "file system error"} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `bytes` to `file` so that readers see either the old contents or the new, never a mix:
 * a crash at any point leaves the previous file intact (at worst a stray `.tmp` file beside it).
 * @example await writeFileAtomic("out/model.safetensors", bytes);
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const target = resolve(file);
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${counter++}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new Error(`cannot write "${file}": ${describeFsError(error)}`, { cause: error });
  }
  await syncDirectory(directory);
}

/** Makes the rename durable; some platforms cannot fsync a directory, which is not an error. */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch {
    return;
  } finally {
    await handle?.close();
  }
}
