// A fixed, non-separable logistic-regression problem and its optimum by Newton's method (using hessian).
import { data, Generator, grad, hessian, nn, tensor, type Tensor } from "../../src/index.js";

export interface LogisticProblem {
  readonly X: Tensor;
  readonly y: Tensor;
  readonly model: nn.LogisticRegression;
  /** The mean cross-entropy of the model on all of X. */
  readonly objective: () => Tensor;
  /** f as a function of the flat vector θ = (w, b). */
  readonly f: (theta: Tensor) => Tensor;
}

/** Two overlapping Gaussian blobs in 2-D, S samples, float64. */
export function logisticProblem(samples = 200, seed = 0): LogisticProblem {
  const blobs = data.makeBlobs({
    nSamples: samples,
    centers: [
      [-1, -0.5],
      [1, 0.5],
    ],
    std: 1.2,
    generator: new Generator(seed),
    dtype: "float64",
  });
  const X = blobs.X;
  const y = blobs.y.astype("float64");
  const model = new nn.LogisticRegression(2, { dtype: "float64" });
  const features = X.shape[1]!;
  const f = (theta: Tensor): Tensor => {
    const logits = X.matmul(theta.slice(0, 0, features)).add(theta.slice(0, features).sum());
    return nn.binaryCrossEntropyWithLogits(logits, y);
  };
  return { X, y, model, objective: () => nn.binaryCrossEntropyWithLogits(model.forward(X), y), f };
}

/** Solves the small dense system A x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let total = m[r]![n]!;
    for (let c = r + 1; c < n; c++) total -= m[r]![c]! * x[c]!;
    x[r] = total / m[r]![r]!;
  }
  return x;
}

/** θ* by Newton's method θ ← θ − H⁻¹∇f, from θ = 0, to machine precision. */
export function newtonOptimum(f: (theta: Tensor) => Tensor, size: number): number[] {
  let theta = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const point = tensor(theta, { dtype: "float64" });
    const gradient = Array.from(grad(f)(point).dataSync());
    const h = hessian(f)(point).toArray() as number[][];
    const step = solve(h, gradient);
    theta = theta.map((value, i) => value - step[i]!);
    if (Math.hypot(...gradient) < 1e-15) break;
  }
  return theta;
}

/** The largest eigenvalue of a symmetric PSD matrix by power iteration in plain JS. */
export function topEigenvalue(matrix: number[][]): number {
  let v = matrix.map(() => 1);
  let value = 0;
  for (let k = 0; k < 10000; k++) {
    const next = matrix.map((row) => row.reduce((total, entry, j) => total + entry * v[j]!, 0));
    const norm = Math.hypot(...next);
    v = next.map((entry) => entry / norm);
    if (Math.abs(norm - value) < 1e-15 * norm) return norm;
    value = norm;
  }
  return value;
}
