// Estimating L = ‖∇²f‖ by power iteration on Hessian-vector products, and the safe step α = safety/L.
import { noGrad } from "../../autodiff/index.js";
import { randn } from "../../tensor/creation.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { dot, hessianVectorProduct, type Objective } from "./hessian-vector-product.js";

export interface LipschitzOptions {
  /** The most power iterations (default 100). */
  readonly iterations?: number;
  /** Stop when the estimate changes by less than this fraction (default 1e-6). */
  readonly tolerance?: number;
  readonly generator?: Generator;
}

export interface LipschitzEstimate {
  /** The estimate of L: |vᵀHv| for the converged unit vector v (the top eigenvalue for convex f). */
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Power iteration v ← Hv/‖Hv‖ on the Hessian of `objective` at the current parameters (lecture §6):
 * L ≈ |vᵀHv|, the largest-magnitude eigenvalue. Evaluate at the starting point or along the path.
 * @example const { value: L } = optim.convergence.lipschitzEstimate(() => loss(model), model.parameters(), { generator: new Generator(0) });
 */
export function lipschitzEstimate(
  objective: Objective,
  parameters: readonly Tensor[],
  options: LipschitzOptions = {},
): LipschitzEstimate {
  const { iterations = 100, tolerance = 1e-6, generator = defaultGenerator } = options;
  const dtype = (p: Tensor) => (p.dtype === "float64" ? "float64" : "float32");
  let direction = parameters.map((p) => randn(p.shape, { dtype: dtype(p), generator }));
  direction = scale(direction, 1 / Math.sqrt(dot(direction, direction)));
  let estimate = 0;
  for (let k = 1; k <= iterations; k++) {
    const product = hessianVectorProduct(objective, parameters, direction);
    const rayleigh = dot(direction, product);
    const norm = Math.sqrt(dot(product, product));
    if (norm === 0) return { value: 0, iterations: k, converged: true };
    direction = scale(product, 1 / norm);
    const previous = estimate;
    estimate = Math.abs(rayleigh);
    if (k > 1 && Math.abs(estimate - previous) <= tolerance * estimate) {
      return { value: estimate, iterations: k, converged: true };
    }
  }
  return { value: estimate, iterations, converged: false };
}

function scale(tensors: readonly Tensor[], factor: number): Tensor[] {
  return noGrad(() => tensors.map((tensor) => tensor.mul(factor)));
}

/**
 * The lecture's safe step for full-batch GD: α = safety/L with L from lipschitzEstimate (default safety
 * 0.9, so αL < 1 and f decreases at every step).
 * @example const alpha = optim.convergence.safeStepSize(() => loss(model), model.parameters());
 */
export function safeStepSize(
  objective: Objective,
  parameters: readonly Tensor[],
  options: LipschitzOptions & { safety?: number } = {},
): number {
  const { value } = lipschitzEstimate(objective, parameters, options);
  if (!(value > 0))
    throw new RangeError(`safeStepSize: the curvature estimate is ${value}; no step size follows`);
  return (options.safety ?? 0.9) / value;
}

/**
 * The bound ‖A‖²/(4S) on ‖∇²f‖ for the mean logistic loss on S rows, with A = X (or [X 1] with a bias):
 * ∇²f = Aᵀ diag(σ(1−σ)) A / S and σ(1−σ) ≤ 1/4. ‖A‖ is the spectral norm, by power iteration in float64.
 * @example optim.convergence.logisticLipschitzBound(X); // ≥ the estimate for a LogisticRegression on X
 */
export function logisticLipschitzBound(x: Tensor, options: { bias?: boolean } = {}): number {
  const [rows, features] = x.shape as [number, number];
  const columns = features + ((options.bias ?? true) ? 1 : 0);
  const values = x.dataSync();
  const entry = (r: number, c: number): number => (c < features ? values[r * features + c]! : 1);
  let v = new Float64Array(columns).fill(1 / Math.sqrt(columns));
  let sigmaSquared = 0;
  for (let k = 0; k < 10000; k++) {
    const av = new Float64Array(rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) av[r]! += entry(r, c) * v[c]!;
    const next = new Float64Array(columns);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) next[c]! += entry(r, c) * av[r]!;
    const norm = Math.hypot(...next);
    const previous = sigmaSquared;
    sigmaSquared = norm;
    v = next.map((value) => value / norm);
    if (Math.abs(sigmaSquared - previous) <= 1e-14 * sigmaSquared) break;
  }
  return sigmaSquared / (4 * rows);
}
