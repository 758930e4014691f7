// vjp and jvp: vector-Jacobian products (reverse mode) and Jacobian-vector products (double vjp).
import { onesLike, zeros } from "../tensor/creation.js";
import { DTypeError, formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";
import { beginTrace, release, sweep, traced, type Trace } from "./trace.js";

type TensorFunction = (...args: Tensor[]) => Tensor;

function run(transform: string, f: TensorFunction, primals: readonly Tensor[]): [Trace, Tensor] {
  const trace = beginTrace(transform, primals);
  const output = traced(() => f(...trace.vertices));
  if (!(output instanceof Tensor)) {
    throw new TypeError(`${transform}: f must return a Tensor, got ${typeof output}`);
  }
  return [trace, output];
}

/** A cotangent or tangent must match its primal in shape and dtype (as in JAX). */
function checkLike(transform: string, what: string, given: Tensor, expected: Tensor): void {
  if (!(given instanceof Tensor) || given.shape.join() !== expected.shape.join()) {
    const shape = given instanceof Tensor ? formatShape(given.shape) : typeof given;
    throw new ShapeError(
      `${transform}: ${what} has shape ${shape}, expected ${formatShape(expected.shape)}`,
    );
  }
  if (given.dtype !== expected.dtype) {
    throw new DTypeError(
      `${transform}: ${what} has dtype ${given.dtype}, expected ${expected.dtype}`,
    );
  }
}

/**
 * f's output at `primals` and a function mapping a cotangent (of the output's shape) to one
 * gradient per primal: uᵀJ. The function may be called many times.
 * @example const [y, pullback] = vjp((x) => x.mul(x), tensor([1, 2])); pullback(tensor([1, 1])); // [[2, 4]]
 */
export function vjp(
  f: TensorFunction,
  ...primals: Tensor[]
): [Tensor, (cotangent: Tensor) => Tensor[]] {
  const [trace, output] = run("vjp", f, primals);
  const pullback = (cotangent: Tensor): Tensor[] => {
    checkLike("vjp", "the cotangent", cotangent, output);
    return sweep(trace, output, cotangent).map((gradient) => release(trace, gradient));
  };
  return [release(trace, output), pullback];
}

/**
 * f's output at `primals` and its directional derivative J·v along `tangents` (one per primal),
 * by the double-vjp trick: J·v = ∂/∂u ⟨uᵀJ, v⟩ for a dummy cotangent u (the result is linear in u).
 * @example jvp((x) => x.mul(x), [tensor([1, 2])], [tensor([1, 0])])[1].toArray(); // [2, 0]
 */
export function jvp(
  f: TensorFunction,
  primals: readonly Tensor[],
  tangents: readonly Tensor[],
): [Tensor, Tensor] {
  if (primals.length === 0 || tangents.length !== primals.length) {
    throw new RangeError(`jvp: ${primals.length} primals but ${tangents.length} tangents`);
  }
  const [trace, output] = run("jvp", f, primals);
  tangents.forEach((tangent, i) => checkLike("jvp", `tangent ${i}`, tangent, primals[i]!));
  // An empty primal's tangent is empty and moves nothing: left in, its ⟨uᵀJ, v⟩ = Σ∅ = 0 would still be
  // differentiated through J's factors, where 0·∞ (e.g. 1/Σ∅ in logsumexp) makes NaN.
  const moving = primals.flatMap((primal, i) => (primal.size > 0 ? [i] : []));
  if (moving.length === 0 || output.size === 0) {
    return [release(trace, output), zeros(output.shape, { dtype: output.dtype })];
  }
  const dual = zeros(output.shape, { dtype: output.dtype });
  dual.requiresGrad = true;
  const gradients = sweep(trace, output, dual, { record: true });
  const inner = traced(() =>
    moving
      .map((i) => gradients[i]!.mul(tangents[i]!).sum())
      .reduce((total, term) => total.add(term)),
  );
  const dualTrace: Trace = {
    ...trace,
    vertices: [dual],
    boundary: new Set([dual]),
    fresh: new Set([...trace.fresh, dual]),
  };
  const [tangentOut] = sweep(dualTrace, inner, onesLike(inner));
  return [release(trace, output), release(dualTrace, tangentOut!)];
}
