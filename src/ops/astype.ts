// Converting a tensor's element type (differentiable between float types: the gradient converts back).
import { checkDType, type DType } from "../backend/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";
import { sizeOfShape } from "../tensor/shape.js";
import { unaryCase } from "./cases/elementwise-cases.js";
import { between, fromValues, shapeOf, type CaseBuilder } from "./cases/random-inputs.js";
import type { DifferentiableRow } from "./op-row.js";

const convert = (
  [x]: [Tensor],
  dtype: DType,
  backend: { copy: (x: Tensor, out: Tensor["data"]) => void },
): Tensor => {
  const output = outputTensor(x.shape, dtype);
  backend.copy(x, output.data);
  return output;
};

const toFloatOp = /* @__PURE__ */ defineOp<[Tensor], DType>({
  name: "astype",
  forward: convert,
  // d/dx cast(x) = 1 (the gradient returns to the input's dtype)
  backward: (outputGrad, { inputs: [x] }) => [outputGrad.astype(x.dtype)],
});

const toIntOp = /* @__PURE__ */ defineOp<[Tensor], DType>({
  name: "astype",
  forward: convert,
  backward: "none",
});

/** `x` with elements of `dtype` (x itself when it already has that dtype); float → int32 truncates. */
export function astype(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  checkDType("astype", dtype);
  return dtype === "int32" ? toIntOp([x], dtype) : toFloatOp([x], dtype);
}

/** Multiples of 1/8 and a step of 1/4: exact in float32, so a float32 round trip loses nothing. */
const eighths: CaseBuilder = (g) => {
  const shape = shapeOf(g);
  const flat = Array.from({ length: sizeOfShape(shape) }, () => between(g, -16, 16) / 8);
  return {
    inputs: [fromValues(g, shape, flat)],
    f: (x) => x.astype("float32").mul(3).astype("float64"),
    options: { h: 0.25 },
  };
};

export const astypeRow: DifferentiableRow<typeof astype> = {
  fn: astype,
  rule: "d/dx cast(x) = 1 (the gradient is cast back to x's dtype)",
  cases: [unaryCase((x) => x.astype("float64").mul(2)), eighths],
};
