// jacobian, hessian and hvp: full derivative matrices by one reverse sweep per output element.
import { topologicalOrder } from "../autodiff/index.js";
import { zeros } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { grad } from "./grad.js";
import { stackRows } from "./stack-rows.js";
import { beginTrace, dependsOnOutside, release, sweep, traced } from "./trace.js";

/** A tensor of `like`'s shape and dtype that is 1 at flat position `index` and 0 elsewhere. */
function basisVector(like: Tensor, index: number): Tensor {
  const seed = zeros(like.shape, { dtype: like.dtype });
  seed.data[index] = 1;
  return seed;
}

/**
 * The Jacobian of f with respect to argument `argnum` (default 0), of shape
 * [...output.shape, ...input.shape]: row i is the gradient of output element i.
 * @example jacobian((x: Tensor) => x.mul(x))(tensor([1, 2])).toArray(); // [[2, 0], [0, 4]]
 */
export function jacobian<A extends unknown[]>(
  f: (...args: A) => Tensor,
  argnum = 0,
): (...args: A) => Tensor {
  return (...args) => {
    const position = argnum < 0 ? argnum + args.length : argnum;
    if (!Number.isInteger(argnum) || position < 0 || position >= args.length) {
      throw new RangeError(
        `jacobian: argnum ${argnum} is out of range for ${args.length} arguments`,
      );
    }
    const trace = beginTrace("jacobian", [args[position]]);
    const vertex = trace.vertices[0]!;
    const tracedArgs = [...args] as A;
    tracedArgs[position] = vertex;
    const output = traced(() => f(...tracedArgs));
    const shape = [...output.shape, ...vertex.shape];
    if (output.size === 0) return zeros(shape, { dtype: vertex.dtype });
    const record = trace.recording && dependsOnOutside(output, trace.fresh);
    // one topological order serves every row's sweep
    const order = output.requiresGrad ? topologicalOrder(output, trace.boundary) : [];
    const rows: Tensor[] = [];
    for (let index = 0; index < output.size; index++) {
      rows.push(sweep(trace, output, basisVector(output, index), { record, order })[0]!);
    }
    const stacked = traced(() => stackRows(rows).reshape(shape));
    return release(trace, stacked);
  };
}

/**
 * The Hessian of a scalar f with respect to argument `argnum`: n×n for an input of shape [n], and
 * [...x.shape, ...x.shape] in general (the Jacobian of the gradient).
 * @example hessian((x: Tensor) => x.pow(3).sum())(tensor([1, 2])).toArray(); // [[6, 0], [0, 12]]
 */
export function hessian<A extends unknown[]>(
  f: (...args: A) => Tensor,
  argnum = 0,
): (...args: A) => Tensor {
  return jacobian(grad(f, argnum), argnum);
}

/**
 * The Hessian-vector product ∇²f(x)·v without building the Hessian (reverse over reverse).
 * @example hvp((x: Tensor) => x.pow(3).sum(), tensor([1, 2]), tensor([1, 1])).toArray(); // [6, 12]
 */
export function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  const directional = (point: Tensor): Tensor => grad(f)(point).mul(v).sum();
  return grad(directional)(x);
}
