// Elementwise maximum and minimum of two operands with NumPy broadcasting, and clamp built on them.
import type { Tensor } from "../tensor/tensor.js";
import { eq, gt, lt } from "./compare.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

/** The share of the gradient that goes to `a`: 1 where it wins, ½ on ties (as torch.maximum), else 0. */
function winnerShare(wins: Tensor, ties: Tensor, dtype: Tensor["dtype"]): Tensor {
  return wins.astype(dtype).add(ties.astype(dtype).mul(0.5));
}

const maximumOp = defineOp<[Tensor, Tensor]>({
  name: "maximum",
  forward: ([a, b]) => binaryKernel("maximum", "maximum", a, b),
  // ∂max(a, b)/∂a = [a > b] + ½[a = b], ∂max(a, b)/∂b = [b > a] + ½[a = b]
  backward: (outputGrad, { inputs: [a, b] }) => [
    outputGrad.mul(winnerShare(gt(a, b), eq(a, b), outputGrad.dtype)),
    outputGrad.mul(winnerShare(lt(a, b), eq(a, b), outputGrad.dtype)),
  ],
});

const minimumOp = defineOp<[Tensor, Tensor]>({
  name: "minimum",
  forward: ([a, b]) => binaryKernel("minimum", "minimum", a, b),
  // ∂min(a, b)/∂a = [a < b] + ½[a = b], ∂min(a, b)/∂b = [b < a] + ½[a = b]
  backward: (outputGrad, { inputs: [a, b] }) => [
    outputGrad.mul(winnerShare(lt(a, b), eq(a, b), outputGrad.dtype)),
    outputGrad.mul(winnerShare(gt(a, b), eq(a, b), outputGrad.dtype)),
  ],
});

/** The larger of a and b elementwise, broadcasting. @example maximum(x, 0) // relu */
export const maximum = (a: Operand, b: Operand): Tensor => maximumOp(toTensors(a, b), undefined);

/** The smaller of a and b elementwise, broadcasting. @example minimum(x, 1) */
export const minimum = (a: Operand, b: Operand): Tensor => minimumOp(toTensors(a, b), undefined);

/**
 * Limits every element to [min, max] (either bound may be omitted).
 * @example clamp(tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 */
export function clamp(x: Tensor, min?: Operand, max?: Operand): Tensor {
  const lower = min === undefined ? x : maximum(x, min);
  return max === undefined ? lower : minimum(lower, max);
}
