// Elementwise selection where(cond, a, b) with NumPy broadcasting of all three operands.
import { broadcastShapes } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { broadcastView, outputTensor } from "./kernels.js";
import { scalarTensor, toTensors, type Operand } from "./operands.js";
import { broadcastableTo, shapeOf, values } from "./cases/random-inputs.js";
import type { DifferentiableRow } from "./op-row.js";

const whereOp = /* @__PURE__ */ defineOp<[Tensor, Tensor, Tensor]>({
  name: "where",
  forward: ([cond, a, b], _, backend) => {
    const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, a.shape), b.shape);
    const output = outputTensor(shape, a.dtype);
    const views = [cond, a, b].map((operand) => broadcastView(operand, shape));
    backend.where(views[0]!, views[1]!, views[2]!, output.data);
    return output;
  },
  // ∂where(c, a, b)/∂a = [c], ∂where(c, a, b)/∂b = [¬c]
  backward: (outputGrad, { inputs: [cond, a] }) => [
    null,
    where(cond, outputGrad, scalarTensor(0, a.dtype)),
    where(cond, scalarTensor(0, a.dtype), outputGrad),
  ],
});

/**
 * a where `cond` is non-zero, else b (cond is usually an int32 mask from a comparison).
 * @example where(x.gt(0), x, 0) // relu
 */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  return whereOp([cond, ...toTensors(a, b)], undefined);
}

export const whereRow: DifferentiableRow<typeof where> = {
  fn: where,
  rule: "∂where(c, a, b)/∂a = [c], ∂/∂b = [¬c]",
  cases: [
    (g) => {
      const full = shapeOf(g);
      const mask = values(g, broadcastableTo(g, full)).gt(0);
      const [a, b] = [values(g, broadcastableTo(g, full)), values(g, broadcastableTo(g, full))];
      return { inputs: [a, b], f: (x, y) => where(mask, x, y) };
    },
  ],
  torch: "torch.where(a != 0, b, c)",
};
