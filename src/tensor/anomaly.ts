// Anomaly mode: name the op that first produced NaN or Inf, forward or backward.
import type { Tensor } from "./tensor.js";

let detecting = false;

/** Thrown in anomaly mode when an op produces NaN or ±Inf. */
export class AnomalyError extends Error {
  constructor(
    readonly op: string,
    readonly index: number,
    readonly value: number,
  ) {
    super(`anomaly: ${op} produced ${value} at element ${index}`);
    this.name = "AnomalyError";
  }
}

export function isAnomalyDetectionEnabled(): boolean {
  return detecting;
}

/**
 * Runs `fn` checking every op's output (and every backward gradient) for NaN/Inf; the first one
 * throws an `AnomalyError` naming the op.
 * @example detectAnomaly(() => loss.backward());
 */
export function detectAnomaly<T>(fn: () => T): T {
  const previous = detecting;
  detecting = true;
  try {
    return fn();
  } finally {
    detecting = previous;
  }
}

/** Throws an AnomalyError naming `op` when `tensor` holds a NaN or infinite element. */
export function checkFinite(tensor: Tensor, op: string): void {
  if (tensor.dtype === "int32") return;
  const values = tensor.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new AnomalyError(op, i, values[i]!);
  }
}

/**
 * Runs a backward rule so that an anomaly raised by an op inside it is reported as the backward of
 * `op` (the rule's own sqrt, pow, … are not the culprit the user needs to see).
 */
export function attributeToBackward<T>(op: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AnomalyError && !error.op.includes("backward")) {
      throw new AnomalyError(`${op} backward (in its ${error.op})`, error.index, error.value);
    }
    throw error;
  }
}
