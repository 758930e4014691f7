// Elementwise comparisons with NumPy broadcasting: int32 masks of 0 and 1 (not differentiable).
import type { BinaryKernel } from "../backend/backend.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

function comparison(kernel: BinaryKernel): (a: Operand, b: Operand) => Tensor {
  const op = defineOp<[Tensor, Tensor]>({
    name: kernel,
    forward: ([a, b]) => binaryKernel(kernel, kernel, a, b, "int32"),
    backward: "none",
  });
  return (a, b) => op(toTensors(a, b), undefined);
}

/** 1 where a = b, else 0 (int32). @example eq(tensor([1, 2]), 2).toArray(); // [0, 1] */
export const eq = comparison("eq");
/** 1 where a ≠ b, else 0 (int32). @example ne(tensor([1, 2]), 2).toArray(); // [1, 0] */
export const ne = comparison("ne");
/** 1 where a < b, else 0 (int32). @example lt(tensor([1, 2]), 2).toArray(); // [1, 0] */
export const lt = comparison("lt");
/** 1 where a ≤ b, else 0 (int32). @example le(tensor([1, 3]), 2).toArray(); // [1, 0] */
export const le = comparison("le");
/** 1 where a > b, else 0 (int32). @example gt(tensor([1, 3]), 2).toArray(); // [0, 1] */
export const gt = comparison("gt");
/** 1 where a ≥ b, else 0 (int32). @example ge(tensor([1, 2]), 2).toArray(); // [0, 1] */
export const ge = comparison("ge");
