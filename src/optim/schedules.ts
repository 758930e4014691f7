// Learning-rate schedules: functions from the step count k = 0, 1, … to a rate.

/** A learning rate as a function of the number of completed optimizer steps. */
export type Schedule = (step: number) => number;

/**
 * Multiplies the rate by `gamma` every `stepSize` steps: α·γ^⌊k/stepSize⌋.
 * @example new optim.SGD(params, { lr: optim.stepDecay(0.1, { stepSize: 100, gamma: 0.5 }) });
 */
export function stepDecay(
  initial: number,
  { stepSize, gamma = 0.1 }: { stepSize: number; gamma?: number },
): Schedule {
  if (!Number.isInteger(stepSize) || stepSize <= 0) {
    throw new RangeError(`stepDecay: stepSize must be a positive integer, got ${stepSize}`);
  }
  return (step) => initial * gamma ** Math.floor(step / stepSize);
}

/** α·γ^k. */
export function exponentialDecay(initial: number, gamma: number): Schedule {
  return (step) => initial * gamma ** step;
}

/**
 * Cosine annealing from `initial` to `minimum` over `totalSteps`, then constant at `minimum`.
 * @example const lr = optim.cosineDecay(0.1, { totalSteps: 1000 }); lr(500); // 0.05
 */
export function cosineDecay(
  initial: number,
  { totalSteps, minimum = 0 }: { totalSteps: number; minimum?: number },
): Schedule {
  if (!(totalSteps > 0))
    throw new RangeError(`cosineDecay: totalSteps must be > 0, got ${totalSteps}`);
  return (step) => {
    const progress = Math.min(step, totalSteps) / totalSteps;
    return minimum + ((initial - minimum) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

/**
 * Ramps linearly from rate/warmupSteps up to the wrapped rate over the first `warmupSteps` steps.
 * @example const lr = optim.linearWarmup(optim.cosineDecay(0.1, { totalSteps: 1000 }), 100);
 */
export function linearWarmup(after: number | Schedule, warmupSteps: number): Schedule {
  const rate = typeof after === "number" ? () => after : after;
  return (step) => (step < warmupSteps ? (rate(step) * (step + 1)) / warmupSteps : rate(step));
}
