// Elementwise selection where(cond, a, b) with NumPy broadcasting of all three operands.
import { broadcastShapes } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { broadcastView, outputTensor } from "./kernels.js";
import { scalarTensor, toTensors, type Operand } from "./operands.js";

const whereOp = defineOp<[Tensor, Tensor, Tensor]>({
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
