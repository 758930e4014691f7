// The JSON state inside a checkpoint is untrusted input: each field is checked for its type before use,
// so a tampered or truncated file is a SafetensorsError naming the field, never a TypeError later.
import { SafetensorsError } from "./safetensors-error.js";

/** The checkpoint's "state" metadata: epoch, generator state and the optimizer without its slot data. */
export interface SavedState {
  readonly epoch: number;
  readonly rng: readonly (number | null)[] | null;
  readonly optimizer: {
    readonly kind: string;
    readonly stepCount: number;
    readonly hyperparameters: Record<string, number | boolean>;
    /** For each slot, which parameters have one (their values are tensors in the file). */
    readonly slots: Record<string, boolean[]>;
  } | null;
}

const fail = (field: string, problem: string): never => {
  throw new SafetensorsError(`checkpoint: state field "${field}" ${problem}`);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** The optimizer part of the state, or null. */
function checkOptimizer(value: unknown): SavedState["optimizer"] {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) return fail("optimizer", "must be an object or null");
  if (typeof value.kind !== "string") fail("optimizer.kind", "must be a string");
  if (!isCount(value.stepCount)) fail("optimizer.stepCount", "must be a non-negative integer");
  const hyperparameters = value.hyperparameters;
  if (!isObject(hyperparameters)) return fail("optimizer.hyperparameters", "must be an object");
  for (const [name, setting] of Object.entries(hyperparameters)) {
    if (typeof setting !== "number" && typeof setting !== "boolean")
      fail(`optimizer.hyperparameters.${name}`, "must be a number or a boolean");
  }
  if (!isObject(value.slots)) return fail("optimizer.slots", "must be an object");
  for (const [name, present] of Object.entries(value.slots)) {
    if (!Array.isArray(present) || !present.every((has) => typeof has === "boolean"))
      fail(`optimizer.slots.${name}`, "must be a list of booleans");
  }
  return value as unknown as SavedState["optimizer"];
}

/**
 * The parsed "state" metadata of a checkpoint, checked field by field.
 * @example const state = checkSavedState(JSON.parse(metadata.state));
 */
export function checkSavedState(value: unknown): SavedState {
  if (!isObject(value)) return fail("", "must be an object");
  if (!isCount(value.epoch)) fail("epoch", "must be a non-negative integer");
  const rng = value.rng ?? null;
  if (
    rng !== null &&
    (!Array.isArray(rng) || !rng.every((x) => x === null || typeof x === "number"))
  )
    fail("rng", "must be a list of numbers or null");
  return {
    epoch: value.epoch as number,
    rng: rng as SavedState["rng"],
    optimizer: checkOptimizer(value.optimizer),
  };
}
