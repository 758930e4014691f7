// The float64 reference for the logistic-regression epoch: closed-form mini-batch SGD in plain loops.

/** Logistic-regression parameters: weights w and intercept b. */
export interface Weights {
  readonly w: ArrayLike<number>;
  readonly b: number;
}

/** One epoch of SGD from θ = 0 over `order`'s batches with ∇ = Xᵀ(σ(Xw + b) − y)/|batch|, in float64. */
export function referenceEpoch(
  x: Float32Array,
  y: Float32Array,
  order: readonly Int32Array[],
  d: number,
  lr: number,
): Weights {
  const w = new Float64Array(d);
  const gradient = new Float64Array(d);
  let b = 0;
  for (const batch of order) {
    gradient.fill(0);
    let gradientB = 0;
    for (const row of batch) {
      let z = b;
      for (let j = 0; j < d; j++) z += x[row * d + j]! * w[j]!;
      const residual = (1 / (1 + Math.exp(-z)) - y[row]!) / batch.length;
      for (let j = 0; j < d; j++) gradient[j]! += residual * x[row * d + j]!;
      gradientB += residual;
    }
    for (let j = 0; j < d; j++) w[j]! -= lr * gradient[j]!;
    b -= lr * gradientB;
  }
  return { w, b };
}

/** The largest |a − r| / (1 + |r|) over the weights and the intercept (NaN counts as infinitely wrong). */
export function weightsError(actual: Weights, reference: Weights): number {
  let worst = Math.abs(actual.b - reference.b) / (1 + Math.abs(reference.b));
  if (actual.w.length !== reference.w.length) return Infinity;
  for (let j = 0; j < reference.w.length; j++) {
    const error = Math.abs(actual.w[j]! - reference.w[j]!) / (1 + Math.abs(reference.w[j]!));
    worst = Math.max(worst, error);
  }
  return Number.isNaN(worst) ? Infinity : worst;
}
