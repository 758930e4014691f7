// Test helper: makes a directory unwritable (as root, permissions do not apply, so also the immutable flag).
import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Makes `dir` unwritable and returns the undo, or null (dir restored) when that is impossible here. */
export function makeReadOnly(dir: string): (() => void) | null {
  chmodSync(dir, 0o555);
  let immutable = false;
  if (process.getuid?.() === 0) immutable = spawnSync("chattr", ["+i", dir]).status === 0;
  const undo = () => {
    if (immutable) spawnSync("chattr", ["-i", dir]);
    chmodSync(dir, 0o755);
  };
  try {
    writeFileSync(join(dir, "probe"), "x");
  } catch {
    return undo;
  }
  rmSync(join(dir, "probe"));
  undo();
  return null;
}
