// Argument checks shared by the creation functions: one clear line naming the function and the value,
// instead of a NaN-sized allocation deep inside a typed array or Buffer.
import { checkDType } from "../backend/dtype.js";
import { ShapeError } from "./errors.js";
import type { RandomOptions } from "./creation.js";

/** The most elements one tensor may hold (typed-array lengths and int32 indices stay exact below it). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** A short description of an unexpected argument, for error messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string "${value.slice(0, 40)}"`;
  return `${typeof value} ${String(value)}`;
}

/** `value` as a number, or a TypeError naming `op` and the argument. */
export function checkNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== "number")
    throw new TypeError(`${op}: ${name} must be a number, got ${describe(value)}`);
  return value;
}

/** A non-negative integer count of at most MAX_ELEMENTS. */
export function checkCount(op: string, name: string, value: unknown): number {
  const count = checkNumber(op, name, value);
  if (!Number.isInteger(count) || count < 0 || count > MAX_ELEMENTS) {
    throw new RangeError(`${op}: ${name} must be an integer in [0, ${MAX_ELEMENTS}], got ${count}`);
  }
  return count;
}

/** A shape: an array of non-negative integer extents whose product is at most MAX_ELEMENTS. */
export function checkShape(op: string, shape: unknown): readonly number[] {
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `${op}: shape must be an array of extents such as [2, 3], got ${describe(shape)}`,
    );
  }
  let size = 1;
  for (const extent of shape as unknown[]) {
    if (typeof extent !== "number" || !Number.isInteger(extent) || extent < 0) {
      throw new ShapeError(
        `${op}: invalid shape [${shape.join(", ")}] (extents must be non-negative integers)`,
      );
    }
    size *= extent;
  }
  if (size > MAX_ELEMENTS) {
    throw new ShapeError(
      `${op}: shape [${shape.join(", ")}] has ${size} elements, more than ${MAX_ELEMENTS}`,
    );
  }
  return shape as readonly number[];
}

/** The options object (or {} when undefined), with its dtype, requiresGrad and generator checked. */
export function checkOptions<T extends RandomOptions>(op: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${op}: options must be an object such as { dtype: "float64" }, got ${describe(options)}`,
    );
  }
  // null, like PyTorch's dtype=None, means the default
  if (options.dtype != null) checkDType(op, options.dtype);
  if (options.requiresGrad !== undefined && typeof options.requiresGrad !== "boolean") {
    throw new TypeError(
      `${op}: requiresGrad must be true or false, got ${describe(options.requiresGrad)}`,
    );
  }
  const generator = options.generator as { uniform?: unknown } | undefined;
  if (generator !== undefined && typeof generator?.uniform !== "function") {
    throw new TypeError(`${op}: generator must be a Generator, got ${describe(options.generator)}`);
  }
  return options;
}
