// Converting a tensor's element type (differentiable between float types: the gradient converts back).
import { checkDType, type DType } from "../backend/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";

const convert = (
  [x]: [Tensor],
  dtype: DType,
  backend: { copy: (x: Tensor, out: Tensor["data"]) => void },
): Tensor => {
  const output = outputTensor(x.shape, dtype);
  backend.copy(x, output.data);
  return output;
};

const toFloatOp = defineOp<[Tensor], DType>({
  name: "astype",
  forward: convert,
  // d/dx cast(x) = 1 (the gradient returns to the input's dtype)
  backward: (outputGrad, { inputs: [x] }) => [outputGrad.astype(x.dtype)],
});

const toIntOp = defineOp<[Tensor], DType>({ name: "astype", forward: convert, backward: "none" });

/** `x` with elements of `dtype` (x itself when it already has that dtype); float → int32 truncates. */
export function astype(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  checkDType("astype", dtype);
  return dtype === "int32" ? toIntOp([x], dtype) : toFloatOp([x], dtype);
}
