// Normalisation per row as a primitive (layerNorm and groupNorm): one fused pass forward, the fused
// kernel backward at first order and the tensor-op backward when the backward is itself recorded.
import { isGradEnabled } from "../../autodiff/index.js";
import type { RowNormShape } from "../../backend/normalization-kernels.js";
import type { FloatArray } from "../../backend/dtype.js";
import { activeBackend } from "../../backend/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type Op } from "../define-op.js";
import { contiguousData, outputTensor } from "../kernels.js";
import { normGradients, type NormLayout } from "./norm-gradients.js";
import { affineOf, alignedGradients, recordedInputs, type NormOperands } from "./norm-operands.js";

interface RowNormParams {
  readonly shape: RowNormShape;
  readonly hasWeight: boolean;
  readonly hasBias: boolean;
  /** Each row's mean and 1/√(σ² + eps) from the forward, for the fused backward. */
  readonly mean: Float64Array;
  readonly rstd: Float64Array;
}

const floatData = (x: Tensor | null): FloatArray | null =>
  x === null ? null : (contiguousData(x) as FloatArray);

/** A fresh output for the gradient of `x` when it needs one. */
const gradientFor = (x: Tensor | null): Tensor | null =>
  x?.requiresGrad ? outputTensor(x.shape, x.dtype) : null;

function layoutOf({ rows, length, span, channels, eps }: RowNormShape): NormLayout {
  const outer = channels * span === 0 ? 0 : (rows * length) / (channels * span);
  return { statsShape: [rows, length], statsAxes: [1], affineShape: [outer, channels, span], eps };
}

/** The row-normalisation primitive, named `name` in graphs and errors. */
function rowNormPrimitive(name: string): Op<Tensor[], RowNormParams> {
  return defineOp<Tensor[], RowNormParams>({
    name,
    forward: (inputs, params, backend) => {
      const x = inputs[0]!;
      const [weight, bias] = affineOf(inputs, params.hasWeight, params.hasBias);
      const output = outputTensor(x.shape, x.dtype);
      const affine = { weight: floatData(weight), bias: floatData(bias) };
      const input = contiguousData(x) as FloatArray;
      backend.rowNormForward(
        input,
        affine,
        params.shape,
        output.data as FloatArray,
        params.mean,
        params.rstd,
      );
      return output;
    },
    backward: (g, { inputs, params }) => {
      const x = inputs[0]!;
      const [weight, bias] = affineOf(inputs, params.hasWeight, params.hasBias);
      const { hasWeight, hasBias } = params;
      if (isGradEnabled()) {
        const gradients = normGradients(g, x, weight, bias, layoutOf(params.shape), null);
        return alignedGradients(gradients, hasWeight, hasBias);
      }
      const [dx, dWeight, dBias] = [gradientFor(x), gradientFor(weight), gradientFor(bias)];
      const out = {
        dx: floatData(dx),
        dWeight: floatData(dWeight),
        dBias: floatData(dBias),
      };
      const [gData, xData] = [contiguousData(g) as FloatArray, contiguousData(x) as FloatArray];
      const { mean, rstd, shape } = params;
      activeBackend().rowNormBackward(gData, xData, mean, rstd, floatData(weight), shape, out);
      return alignedGradients([dx, dWeight, dBias], hasWeight, hasBias);
    },
  });
}

/** Runs `op` on checked operands seen as rows of `length` (affine channels of `span` elements). */
export function rowNorm(
  op: Op<Tensor[], RowNormParams>,
  operands: NormOperands,
  layout: { rows: number; length: number; span: number; channels: number },
): Tensor {
  const { weight, bias, eps } = operands;
  return op(recordedInputs(operands), {
    shape: { ...layout, eps },
    hasWeight: weight !== null,
    hasBias: bias !== null,
    mean: new Float64Array(layout.rows),
    rstd: new Float64Array(layout.rows),
  });
}

export const layerNormPrimitive = rowNormPrimitive("layerNorm");
export const groupNormPrimitive = rowNormPrimitive("groupNorm");
