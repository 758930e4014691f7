// gradcheck: backprop against float64 central differences at every element, with a random weighting.
import { backpropagate, withGradMode } from "../autodiff/index.js";
import { denseAdjoint, tensorAdjointRule, type Adjoint } from "../tensor/backward.js";
import { onesLike, randn } from "../tensor/creation.js";
import { Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";

export interface GradcheckOptions {
  readonly atol?: number;
  readonly rtol?: number;
  /** Central-difference step (default 1e-6, near the cube root of float64's epsilon). */
  readonly h?: number;
  /** Seed of the random output weighting (a plain sum could hide errors that cancel). */
  readonly seed?: number;
}

export interface GradcheckResult {
  readonly ok: boolean;
  readonly maxAbsError: number;
  readonly maxRelError: number;
  /** The element with the largest error relative to its tolerance. */
  readonly worst: { input: number; index: number; analytic: number; numeric: number } | null;
}

/** A float64 leaf with the same shape, strides and offset as `x`, over a private copy of its storage. */
function float64Copy(x: Tensor): Tensor {
  const copy = new Tensor(Float64Array.from(x.data), x.shape, x.strides, x.offset);
  copy.requiresGrad = true;
  return copy;
}

/** Storage positions of the view's elements, row-major (to perturb each element exactly once). */
function positions(x: Tensor): number[] {
  const result: number[] = [];
  const walk = (axis: number, base: number): void => {
    if (axis === x.rank) result.push(base);
    else for (let i = 0; i < x.shape[axis]!; i++) walk(axis + 1, base + i * x.strides[axis]!);
  };
  walk(0, x.offset);
  return result;
}

/**
 * Checks the gradients of f at `inputs` in float64: L = Σ f(x)·w for a random fixed w, backprop vs
 * (L(x + h eᵢ) − L(x − h eᵢ)) / 2h for every element of every input.
 * @example gradcheck((x) => x.exp().sum(), [randn([3])]).ok; // true
 */
export function gradcheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const { atol = 1e-8, rtol = 1e-5, h = 1e-6, seed = 1234 } = options;
  const leaves = inputs.map(float64Copy);
  const weightedLoss = (weights: Tensor | null): [Tensor, Tensor] => {
    const output = f(...leaves).astype("float64");
    const w = weights ?? randn(output.shape, { dtype: "float64", generator: new Generator(seed) });
    return [output.mul(w).sum(), w];
  };
  const [loss, weights] = withGradMode(true, () => weightedLoss(null));
  const adjoints = loss.requiresGrad
    ? withGradMode(false, () => backpropagate(loss, onesLike(loss), tensorAdjointRule))
    : new Map<Tensor, Adjoint>();
  // Evaluated with grad mode on, so f may itself differentiate (second-order checks).
  const evaluate = (): number => weightedLoss(weights)[0].item();
  let maxAbsError = 0;
  let maxRelError = 0;
  let worstScore = -1;
  let worst: GradcheckResult["worst"] = null;
  leaves.forEach((leaf, inputIndex) => {
    const adjoint = adjoints.get(leaf);
    const analytic = adjoint ? denseAdjoint(adjoint).dataSync() : new Float64Array(leaf.size);
    positions(leaf).forEach((position, index) => {
      const original = leaf.data[position]!;
      leaf.data[position] = original + h;
      const plus = evaluate();
      leaf.data[position] = original - h;
      const minus = evaluate();
      leaf.data[position] = original;
      const numeric = (plus - minus) / (2 * h);
      const exact = analytic[index]!;
      const absError = Math.abs(exact - numeric);
      const relError = absError / Math.max(Math.abs(numeric), 1e-12);
      maxAbsError = Math.max(maxAbsError, absError);
      maxRelError = Math.max(maxRelError, Math.abs(numeric) > atol ? relError : 0);
      const score = absError / (atol + rtol * Math.abs(numeric));
      if (score > worstScore || Number.isNaN(score)) {
        worstScore = Number.isNaN(score) ? Infinity : score;
        worst = { input: inputIndex, index, analytic: exact, numeric };
      }
    });
  });
  return { ok: worstScore <= 1, maxAbsError, maxRelError, worst };
}
