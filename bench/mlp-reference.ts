// The float64 reference for the MLP step benchmark: 784-256-10 relu MLP, softmax cross-entropy, SGD.

/** MLP parameters in PyTorch layout: w1 [hidden, in], b1 [hidden], w2 [classes, hidden], b2 [classes]. */
export interface MlpParams {
  readonly w1: ArrayLike<number>;
  readonly b1: ArrayLike<number>;
  readonly w2: ArrayLike<number>;
  readonly b2: ArrayLike<number>;
}

export interface MlpShape {
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
}

/** One batch: x [rows, inputs] and int labels [rows]. */
export interface MlpBatch {
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

/** Float64 copies of the parameters. */
export function cloneParams(p: MlpParams): Record<keyof MlpParams, Float64Array> {
  return {
    w1: Float64Array.from(p.w1),
    b1: Float64Array.from(p.b1),
    w2: Float64Array.from(p.w2),
    b2: Float64Array.from(p.b2),
  };
}

/** `steps` SGD steps from `init` cycling through `batches` (mean cross-entropy), in float64 loops. */
export function referenceTraining(
  init: MlpParams,
  batches: readonly MlpBatch[],
  steps: number,
  lr: number,
  { inputs, hidden, classes }: MlpShape,
): MlpParams {
  const p = cloneParams(init);
  for (let step = 0; step < steps; step++) {
    const { x, labels } = batches[step % batches.length]!;
    const rows = labels.length;
    const g = {
      w1: new Float64Array(p.w1.length),
      b1: new Float64Array(hidden),
      w2: new Float64Array(p.w2.length),
      b2: new Float64Array(classes),
    };
    const h = new Float64Array(hidden);
    const z = new Float64Array(classes);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < hidden; j++) {
        let s = p.b1[j]!;
        for (let i = 0; i < inputs; i++) s += p.w1[j * inputs + i]! * x[r * inputs + i]!;
        h[j] = Math.max(s, 0);
      }
      let peak = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = p.b2[c]!;
        for (let j = 0; j < hidden; j++) s += p.w2[c * hidden + j]! * h[j]!;
        z[c] = s;
        peak = Math.max(peak, s);
      }
      let total = 0;
      for (let c = 0; c < classes; c++) total += Math.exp(z[c]! - peak);
      for (let c = 0; c < classes; c++) {
        // ∂loss/∂z_c = (softmax_c − [c = label]) / rows
        const gz = (Math.exp(z[c]! - peak) / total - (c === labels[r] ? 1 : 0)) / rows;
        g.b2[c]! += gz;
        for (let j = 0; j < hidden; j++) g.w2[c * hidden + j]! += gz * h[j]!;
        z[c] = gz;
      }
      for (let j = 0; j < hidden; j++) {
        if (h[j]! <= 0) continue;
        let gh = 0;
        for (let c = 0; c < classes; c++) gh += z[c]! * p.w2[c * hidden + j]!;
        g.b1[j]! += gh;
        for (let i = 0; i < inputs; i++) g.w1[j * inputs + i]! += gh * x[r * inputs + i]!;
      }
    }
    for (const key of ["w1", "b1", "w2", "b2"] as const)
      for (let i = 0; i < p[key].length; i++) p[key][i]! -= lr * g[key][i]!;
  }
  return p;
}

/** The largest |a − r| / (1 + |r|) over all parameters (NaN counts as infinitely wrong). */
export function paramsError(actual: MlpParams, reference: MlpParams): number {
  let worst = 0;
  for (const key of ["w1", "b1", "w2", "b2"] as const) {
    const [a, r] = [actual[key], reference[key]];
    if (a.length !== r.length) return Infinity;
    for (let i = 0; i < r.length; i++)
      worst = Math.max(worst, Math.abs(a[i]! - r[i]!) / (1 + Math.abs(r[i]!)));
  }
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Row-major [rows, cols] → [cols, rows] (peers that take weights as [in, out]). */
export function transposed(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}
