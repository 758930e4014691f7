// The committed PyTorch answers (test/fixtures/torch-edges.json, written by scripts/torch-edges.py):
// JSON has no NaN or ±∞, so the script writes them as strings and this reader turns them back.
import { readFileSync } from "node:fs";

const NAMED: Record<string, number> = { NaN: Number.NaN, Infinity, "-Infinity": -Infinity };

/** The fixture's top-level sections, untyped; each test describes the fields it reads. */
export function torchEdges<T>(section: string): T {
  const url = new URL("../fixtures/torch-edges.json", import.meta.url);
  const parsed = JSON.parse(readFileSync(url, "utf8"), (_, value: unknown) =>
    typeof value === "string" && value in NAMED ? NAMED[value] : value,
  ) as Record<string, unknown>;
  return parsed[section] as T;
}

/** Whether `actual` is within `tolerance` (relative, and absolute near 0) of `expected`, or both are the same non-finite. */
export function close(actual: number, expected: number, tolerance = 1e-12): boolean {
  if (!Number.isFinite(expected)) return Object.is(actual, expected);
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
