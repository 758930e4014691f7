// PyTorch as a benchmark peer: finds a python with torch (GRADUS_TORCH_PYTHON, or a torch-venv next to
// the checkout) and runs a bench/*.py twin on one thread; says why when there is none.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const CANDIDATES = [
  process.env.GRADUS_TORCH_PYTHON,
  `${root}.venv/bin/python`,
  `${root}../torch-venv/bin/python`,
  `${root}../../torch-venv/bin/python`,
  "python3",
];

let found: { python: string; version: string } | string | null = null;

/** The python that imports torch (and torch's version), or why none was found. */
export function torchPython(): { python: string; version: string } | string {
  if (found !== null) return found;
  for (const python of CANDIDATES) {
    if (python === undefined || (python.includes("/") && !existsSync(python))) continue;
    const probe = spawnSync(python, ["-c", "import torch; print(torch.__version__)"], {
      encoding: "utf8",
    });
    if (probe.status === 0) return (found = { python, version: probe.stdout.trim() });
  }
  found = "no python with torch (set GRADUS_TORCH_PYTHON)";
  return found;
}

/** Runs bench/`script` with the torch python on one thread; its JSON output, or why it did not run. */
export function runTorch<T>(script: string, args: readonly string[]): T | { skipped: string } {
  const torch = torchPython();
  if (typeof torch === "string") return { skipped: torch };
  const env = { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const path = fileURLToPath(new URL(script, import.meta.url));
  const result = spawnSync(torch.python, [path, ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) {
    const reason = result.stderr?.trim().split("\n").pop() ?? result.error?.message ?? "failed";
    return { skipped: `pytorch twin failed (${reason})` };
  }
  return JSON.parse(result.stdout) as T;
}
