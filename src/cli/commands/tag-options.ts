// Flag values shared by `gradus tag` and `gradus embed`, each checked with a one-line error naming the flag.
import { parseInteger } from "../point-option.js";

/** An integer in [min, max] (default: ≥ 1). */
export function integerFlag(flag: string, text: string, min = 1, max = Infinity): number {
  const value = parseInteger(flag, text);
  if (value < min) throw new Error(`${flag} must be ≥ ${min}, got ${value}`);
  if (value > max) throw new Error(`${flag} must be ≤ ${max}, got ${value}`);
  return value;
}

/** The largest embedding or hidden size the commands accept (a typo should not allocate gigabytes). */
export const MAX_WIDTH = 4096;

/** A finite number > 0 (a learning rate). */
export function positiveFlag(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0)
    throw new Error(`${flag} expects a positive number, got "${text}"`);
  return value;
}

/** A number in [min, max). */
export function fractionFlag(flag: string, text: string, min = 0, max = 1): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= min && value < max))
    throw new Error(`${flag} expects a number in [${min}, ${max}), got "${text}"`);
  return value;
}

/** `--limit-sentences N`: a positive integer, or undefined when the flag is absent. */
export function limitFlag(text: string | undefined): number | undefined {
  return text === undefined ? undefined : integerFlag("--limit-sentences", text);
}
