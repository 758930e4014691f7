// Runs an op's gradient cases: first order (backprop vs central differences of f) and second order
// (the gradient function's own backprop vs central differences of the gradient).
import { noGrad } from "../autodiff/index.js";
import type { CaseBuilder, OpCase } from "../ops/op-row.js";
import { concat } from "../ops/index.js";
import { randn } from "../tensor/creation.js";
import { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { grad } from "./grad.js";
import { gradcheck } from "./gradcheck.js";

/** Where one order's worst element was: the case, the input, the element and both derivatives. */
export interface WorstElement {
  readonly case: number;
  readonly input: number;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
}

/** One order's summary over an op's cases. */
export interface OrderSummary {
  readonly worstAbsError: number;
  readonly worstRelError: number;
  readonly ok: boolean;
  readonly worst: WorstElement | null;
}

/** One op's row: its cases and the first- and (when checked) second-order summaries. */
export interface OpCheckRow {
  readonly op: string;
  readonly cases: number;
  readonly first: OrderSummary;
  readonly second: OrderSummary | null;
  readonly ok: boolean;
  readonly milliseconds: number;
  /** The message of an exception a case threw (the row then fails). */
  readonly error?: string;
}

export interface CheckCasesOptions {
  /** Cases per op (builders are taken in turn); default 3. */
  readonly cases?: number;
  readonly seed?: number;
  /** Also check second derivatives (default false). */
  readonly secondOrder?: boolean;
}

/**
 * The gradient of L(x) = Σ f(x)·w for a fixed random w, all inputs' gradients flattened into one
 * vector: gradcheck of this function checks every Hessian-vector product wᵀ∇²f against differences.
 */
function gradientOf({ inputs, f }: OpCase, seed: number): (...inputs: Tensor[]) => Tensor {
  const shape = noGrad(() => f(...inputs)).shape;
  const weights = randn(shape, { dtype: "float64", generator: new Generator(seed) });
  const loss = (...xs: Tensor[]): Tensor =>
    f(...xs)
      .astype("float64")
      .mul(weights)
      .sum();
  const argnums = inputs.map((_, i) => i);
  return (...xs) =>
    concat(
      grad(loss, argnums)(...xs).map((g) => g.reshape([-1])),
      0,
    );
}

/** Folds one case's result into the running summary of its order. */
function fold(
  summary: OrderSummary,
  result: ReturnType<typeof gradcheck>,
  caseIndex: number,
): OrderSummary {
  const worse = result.maxAbsError >= summary.worstAbsError || (!result.ok && summary.ok);
  return {
    worstAbsError: Math.max(summary.worstAbsError, result.maxAbsError),
    worstRelError: Math.max(summary.worstRelError, result.maxRelError),
    ok: summary.ok && result.ok,
    worst: worse && result.worst ? { case: caseIndex, ...result.worst } : summary.worst,
  };
}

const EMPTY: OrderSummary = { worstAbsError: 0, worstRelError: 0, ok: true, worst: null };

/**
 * Checks one op over `options.cases` cases drawn from its builders in turn (exported for tests that
 * feed it a deliberately wrong op).
 */
export function checkCases(
  op: string,
  builders: readonly CaseBuilder[],
  options: Required<CheckCasesOptions>,
): OpCheckRow {
  const generator = new Generator(options.seed);
  const started = performance.now();
  let first = EMPTY;
  let second: OrderSummary | null = options.secondOrder ? EMPTY : null;
  let error: string | undefined;
  for (let i = 0; i < options.cases && error === undefined; i++) {
    try {
      const opCase = builders[i % builders.length]!(generator);
      const checkOptions = { ...opCase.options, seed: generator.integer(2 ** 31) };
      first = fold(first, gradcheck(opCase.f, opCase.inputs, checkOptions), i);
      if (second !== null) {
        const gradient = gradientOf(opCase, checkOptions.seed + 1);
        second = fold(second, gradcheck(gradient, opCase.inputs, checkOptions), i);
      }
    } catch (caught) {
      error = `case ${i}: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
  }
  const ok = error === undefined && first.ok && (second?.ok ?? true);
  const milliseconds = performance.now() - started;
  return { op, cases: options.cases, first, second, ok, milliseconds, ...(error ? { error } : {}) };
}
