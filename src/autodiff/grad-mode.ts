// Whether new operations are recorded for differentiation (PyTorch's grad mode).

let recording = true;

/** True when operations on values that require gradients are recorded into the graph. */
export function isGradEnabled(): boolean {
  return recording;
}

/** Runs `fn` with recording switched to `enabled`, restoring the previous mode afterwards (also on throw). */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = recording;
  recording = enabled;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/**
 * Runs `fn` without recording a graph: nothing computed inside has a gradient history.
 * @example const prediction = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad` (used to differentiate backward rules). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
