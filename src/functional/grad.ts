// grad and valueAndGrad: JAX-style gradients of a scalar function with respect to chosen arguments.
import { onesLike } from "../tensor/creation.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";
import { beginTrace, release, sweep, traced } from "./trace.js";

type TensorFunction<A extends unknown[]> = (...args: A) => Tensor;

/** The positions of `argnums` (negative counts from the end), checked against the call. */
function positionsOf(
  transform: string,
  argnums: number | readonly number[],
  count: number,
): number[] {
  const list = typeof argnums === "number" ? [argnums] : [...argnums];
  return list.map((argnum) => {
    const position = argnum < 0 ? argnum + count : argnum;
    if (!Number.isInteger(argnum) || position < 0 || position >= count) {
      throw new RangeError(`${transform}: argnum ${argnum} is out of range for ${count} arguments`);
    }
    return position;
  });
}

/** Evaluates f with the chosen arguments traced and sweeps back once from its scalar output. */
function evaluate<A extends unknown[]>(
  transform: string,
  f: TensorFunction<A>,
  argnums: number | readonly number[],
  args: A,
): [Tensor, Tensor[]] {
  const positions = positionsOf(transform, argnums, args.length);
  const trace = beginTrace(
    transform,
    positions.map((position) => args[position]),
  );
  const tracedArgs = [...args] as A;
  positions.forEach((position, i) => (tracedArgs[position] = trace.vertices[i]));
  const output = traced(() => f(...tracedArgs));
  if (!(output instanceof Tensor)) {
    throw new TypeError(`${transform}: f must return a Tensor, got ${typeof output}`);
  }
  if (output.size !== 1) {
    throw new ShapeError(
      `${transform}: f must return a one-element tensor (a scalar), got shape ${formatShape(output.shape)}; use vjp or jacobian for non-scalar outputs`,
    );
  }
  const gradients = sweep(trace, output, onesLike(output));
  return [release(trace, output), gradients.map((gradient) => release(trace, gradient))];
}

/**
 * The gradient of a scalar-valued f with respect to argument `argnums` (default 0), or an array of
 * gradients when `argnums` is an array. Transforms nest: grad(grad(f)) is the second derivative.
 * @example grad((x: Tensor) => x.pow(3))(tensor(2, { dtype: "float64" })).item(); // 12
 */
export function grad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums?: number,
): (...args: A) => Tensor;
export function grad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums: readonly number[],
): (...args: A) => Tensor[];
export function grad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums: number | readonly number[] = 0,
): (...args: A) => Tensor | Tensor[] {
  return (...args) => {
    const [, gradients] = evaluate("grad", f, argnums, args);
    return typeof argnums === "number" ? gradients[0]! : gradients;
  };
}

/**
 * Like grad, but also returns f's value: `[value, gradient]` (or `[value, gradients]` for an array).
 * @example const [loss, dw] = valueAndGrad((w: Tensor) => w.mul(w).sum())(tensor([1, 2]));
 */
export function valueAndGrad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums?: number,
): (...args: A) => [Tensor, Tensor];
export function valueAndGrad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums: readonly number[],
): (...args: A) => [Tensor, Tensor[]];
export function valueAndGrad<A extends unknown[]>(
  f: TensorFunction<A>,
  argnums: number | readonly number[] = 0,
): (...args: A) => [Tensor, Tensor | Tensor[]] {
  return (...args) => {
    const [value, gradients] = evaluate("valueAndGrad", f, argnums, args);
    return [value, typeof argnums === "number" ? gradients[0]! : gradients];
  };
}
