// The op registry's row types: every public op with its derivative rule and gradient-check cases, or
// marked non-differentiable. Families are typed tables of rows; exports, tests and gradcheck derive.
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";

/** Central-difference settings a case may need (gradcheck's defaults otherwise). */
export interface CaseTolerances {
  readonly h?: number;
  readonly rtol?: number;
  readonly atol?: number;
}

/** One check: float64 inputs (all differentiated), the function of them and gradcheck's settings. */
export interface OpCase {
  readonly inputs: readonly Tensor[];
  readonly f: (...inputs: Tensor[]) => Tensor;
  readonly options?: CaseTolerances;
}

/** Builds one random case from a seeded generator (so every failure is reproducible from its seed). */
export type CaseBuilder = (generator: Generator) => OpCase;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row holds any op's signature
type AnyOp = (...args: any[]) => Tensor;

/** A differentiable op: its public function, its rule in one line of maths, and its cases. */
export interface DifferentiableRow<F extends AnyOp = AnyOp> {
  readonly fn: F;
  readonly rule?: string;
  /** At least one gradient-check case: first and second order are checked on every element. */
  readonly cases: readonly [CaseBuilder, ...CaseBuilder[]];
  /** PyTorch's expression for the same values (inputs named a, b, c…), for the fixture script. */
  readonly torch?: string;
}

/** An op without a gradient (signs, masks, comparisons, positions): it records no graph. */
export interface NonDifferentiableRow<F extends AnyOp = AnyOp> {
  readonly fn: F;
  readonly differentiable: false;
  readonly torch?: string;
}

export type OpRow<F extends AnyOp = AnyOp> = DifferentiableRow<F> | NonDifferentiableRow<F>;

/** A family: one typed table of rows by public name. */
export type OpFamily = Readonly<Record<string, OpRow>>;

/** Whether `row` has gradient cases. */
export const isDifferentiable = (row: OpRow): row is DifferentiableRow =>
  !("differentiable" in row);
