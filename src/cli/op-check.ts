// Runs the gradient cases: first order (backprop vs central differences of f) and second order
// (the gradient function's own backprop vs central differences of the gradient).
import { concat, Generator, grad, gradcheck, noGrad, randn, type Tensor } from "../node.js";
import { ALL_CASES, type CaseBuilder, type OpCase } from "./op-cases/index.js";

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

export interface CheckOptions {
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
  options: Required<CheckOptions>,
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

/**
 * Runs the named ops and composites (every one when `names` is undefined).
 * @example checkOps(["exp", "matmul"], { cases: 100, secondOrder: true }).every((row) => row.ok);
 */
export function checkOps(
  names: readonly string[] | undefined,
  options: CheckOptions = {},
): OpCheckRow[] {
  const chosen = names ?? Object.keys(ALL_CASES);
  const unknown = chosen.filter((name) => !Object.hasOwn(ALL_CASES, name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown op ${unknown.map((name) => `"${name}"`).join(", ")}; see gradus gradcheck --all`,
    );
  }
  const full = { cases: 3, seed: 0, secondOrder: false, ...options };
  if (!(Number.isInteger(full.cases) && full.cases >= 1)) {
    throw new Error(`--cases expects a positive integer, got ${full.cases}`);
  }
  return chosen.map((op) => checkCases(op, ALL_CASES[op]!, full));
}
