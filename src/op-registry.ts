// The whole registry of differentiable functions: ops/ by family plus customOp and nn's composites,
// with the public self-check (`gradcheckOps`, what `gradus gradcheck` runs) and listing (`listOps`).
import { checkCases, type CheckCasesOptions, type OpCheckRow } from "./functional/check-cases.js";
import { customOpCases } from "./functional/custom-op-cases.js";
import { nnChecks } from "./nn/checks.js";
import { differentiableRows, opFamilies } from "./ops/families.js";
import { sparseOps } from "./ops/families/sparse.js";
import { isDifferentiable, type CaseBuilder } from "./ops/op-row.js";

/** One entry of the registry as `listOps` reports it. */
export interface OpInfo {
  readonly name: string;
  readonly family: string;
  readonly differentiable: boolean;
  /** The derivative rule in one line of maths, where the row states one. */
  readonly rule?: string;
  /** Gradient-check cases (builders) behind `gradcheckOps`. */
  readonly caseBuilders: number;
}

/** The families of ops/ and the sparse product (a function: nothing is built at import). */
const families = () => ({ ...opFamilies, sparse: sparseOps });

let cases: Readonly<Record<string, readonly CaseBuilder[]>> | null = null;

/**
 * Every checked function's cases by name: the ops' rows, then customOp and nn's composites. Built on
 * first use (NOTE: nothing runs at import, so a browser bundle that never checks drops the cases).
 */
export function allCases(): Readonly<Record<string, readonly CaseBuilder[]>> {
  cases ??= {
    ...Object.fromEntries(
      Object.values(families()).flatMap((family) =>
        differentiableRows(family).map(([name, row]) => [name, row.cases]),
      ),
    ),
    customOp: customOpCases,
    ...nnChecks,
  };
  return cases;
}

/**
 * Every op of the registry: its family, whether it is differentiable, its rule and case count.
 * @example listOps().filter((op) => op.family === "elementwise").map((op) => op.name)
 */
export function listOps(): OpInfo[] {
  const ops = Object.entries(families()).flatMap(([family, table]) =>
    Object.entries(table).map(([name, row]): OpInfo => {
      const rule = "rule" in row ? row.rule : undefined;
      const cases = isDifferentiable(row) ? row.cases.length : 0;
      const info = { name, family, differentiable: isDifferentiable(row), caseBuilders: cases };
      return rule === undefined ? info : { ...info, rule };
    }),
  );
  const composites = Object.entries({ customOp: customOpCases, ...nnChecks }).map(
    ([name, cases]): OpInfo => ({
      name,
      family: name === "customOp" ? "functional" : "nn",
      differentiable: true,
      caseBuilders: cases.length,
    }),
  );
  return [...ops, ...composites];
}

export type { OpCheckRow, OrderSummary, WorstElement } from "./functional/check-cases.js";

/** Options of `gradcheckOps`: cases per op (default 3), the seed, and whether to check second order. */
export type GradcheckOpsOptions = CheckCasesOptions;

/**
 * Checks the named ops (every one when `names` is undefined) against float64 central differences,
 * first and (optionally) second order: what `gradus gradcheck` prints.
 * @example gradcheckOps(["exp", "matmul"], { cases: 100, secondOrder: true }).every((row) => row.ok);
 */
export function gradcheckOps(
  names?: readonly string[],
  options: GradcheckOpsOptions = {},
): OpCheckRow[] {
  const table = allCases();
  const chosen = names ?? Object.keys(table);
  const unknown = chosen.filter((name) => !Object.hasOwn(table, name));
  if (unknown.length > 0) {
    throw new RangeError(
      `gradcheck: unknown op ${unknown.map((name) => `"${name}"`).join(", ")} (gradus ops lists them)`,
    );
  }
  const full = { cases: 3, seed: 0, secondOrder: false, ...options };
  if (!(Number.isInteger(full.cases) && full.cases >= 1)) {
    throw new RangeError(`gradcheck: cases must be a positive integer, got ${full.cases}`);
  }
  return chosen.map((op) => checkCases(op, table[op]!, full));
}
