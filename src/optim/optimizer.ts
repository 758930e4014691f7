// The one Optimizer interface, learning rates (numbers or schedules), and per-parameter state slots.
import type { FloatArray } from "../backend/dtype.js";
import { formatShape } from "../tensor/errors.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Schedule } from "./schedules.js";

/** A fixed learning rate, or a schedule giving the rate for step k = 0, 1, …. */
export type LearningRate = number | Schedule;

/** An optimizer's serialisable state: hyperparameters, the step count and per-parameter slots. */
export interface OptimizerState {
  readonly kind: string;
  readonly stepCount: number;
  readonly hyperparameters: Record<string, number | boolean>;
  /** For each slot name (e.g. "momentum"), one array per parameter, or null before first use. */
  readonly slots: Record<string, (number[] | null)[]>;
}

/**
 * What every optimizer does: update the parameters from their .grad in place, clear the gradients,
 * and save or restore its state.
 * @example const optimizer: optim.Optimizer = new optim.SGD(model.parameters(), { lr: 0.1 }); loss.backward(); optimizer.step(); optimizer.zeroGrad();
 */
export interface Optimizer {
  readonly parameters: readonly Tensor[];
  /** The number of completed steps (the schedule's k). */
  readonly stepCount: number;
  /** The learning rate the next step will use. */
  readonly learningRate: number;
  step(): void;
  zeroGrad(): void;
  stateDict(): OptimizerState;
  loadStateDict(state: OptimizerState): void;
}

/** Checks that every parameter is a dense floating leaf that requires gradients (updated in place). */
export function checkParameters(optimizer: string, parameters: readonly Tensor[]): Tensor[] {
  if (parameters.length === 0) throw new Error(`${optimizer}: got an empty parameter list`);
  parameters.forEach((parameter, index) => {
    if (!parameter.isLeaf || !parameter.requiresGrad || parameter.dtype === "int32") {
      throw new Error(
        `${optimizer}: parameter ${index} (shape ${formatShape(parameter.shape)}, ${parameter.dtype}) must be a floating leaf with requiresGrad`,
      );
    }
  });
  return [...parameters];
}

/**
 * Checks an optimizer's options object and its learning rate (a finite number ≥ 0 or a schedule),
 * as PyTorch does at construction: one RangeError or TypeError naming the optimizer and the value.
 */
export function checkOptions<T extends { readonly lr: LearningRate }>(
  optimizer: string,
  options: T,
): T {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${optimizer}: options must be an object such as { lr: 0.01 }`);
  }
  const { lr } = options;
  if (typeof lr === "function") return options;
  if (typeof lr !== "number") {
    throw new TypeError(
      `${optimizer}: lr must be a number or a schedule (step ↦ rate), got ${lr === undefined ? "none" : typeof lr}`,
    );
  }
  checkHyperparameter(optimizer, "lr", lr, 0);
  return options;
}

/**
 * `value` when it is a finite number in [min, max) (max = ∞: no upper bound); else a RangeError naming
 * the optimizer, the option and the value. PyTorch raises for the same values (negative lr, momentum,
 * weight decay or eps; betas outside [0, 1)).
 */
export function checkHyperparameter(
  optimizer: string,
  name: string,
  value: unknown,
  min: number,
  max = Infinity,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value >= max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max})`;
    throw new RangeError(
      `${optimizer}: ${name} must be a finite number ${range}, got ${String(value)}`,
    );
  }
  return value;
}

/** The rate a LearningRate gives at step k (checked to be a finite non-negative number). */
export function rateAt(optimizer: string, learningRate: LearningRate, step: number): number {
  const rate = typeof learningRate === "number" ? learningRate : learningRate(step);
  if (!(rate >= 0) || !Number.isFinite(rate)) {
    throw new RangeError(
      `${optimizer}: learning rate must be finite and ≥ 0, got ${rate} at step ${step}`,
    );
  }
  return rate;
}

/** The elements of a tensor row-major, without copying when it is contiguous. */
export function valuesOf(x: Tensor): Tensor["data"] {
  const dense = x.contiguous();
  return dense.data.subarray(dense.offset, dense.offset + dense.size);
}

/** Slots as plain arrays (for JSON), and back (in each parameter's dtype, as the updates keep them). */
export function saveSlots(slots: (FloatArray | null)[]): (number[] | null)[] {
  return slots.map((slot) => (slot === null ? null : Array.from(slot)));
}

export function loadSlots(
  optimizer: string,
  name: string,
  saved: readonly (readonly number[] | null)[] | undefined,
  parameters: readonly Tensor[],
): (FloatArray | null)[] {
  if (saved === undefined || saved.length !== parameters.length) {
    throw new Error(
      `${optimizer}.loadStateDict: slot "${name}" has ${saved?.length ?? 0} entries, expected ${parameters.length} (one per parameter)`,
    );
  }
  return saved.map((values, index) => {
    if (values === null) return null;
    if (values.length !== parameters[index]!.size) {
      throw new Error(
        `${optimizer}.loadStateDict: slot "${name}" of parameter ${index} has ${values.length} values, expected ${parameters[index]!.size}`,
      );
    }
    return parameters[index]!.dtype === "float64"
      ? Float64Array.from(values)
      : Float32Array.from(values);
  });
}
