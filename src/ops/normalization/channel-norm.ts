// Normalisation per channel across the batch as a primitive (batchNorm): one fused pass forward, the
// fused kernel backward at first order and the tensor-op backward when the backward is recorded.
import { isGradEnabled } from "../../autodiff/index.js";
import type { FloatArray } from "../../backend/dtype.js";
import { activeBackend } from "../../backend/registry.js";
import type { ChannelNormShape } from "../../backend/normalization-kernels.js";
import { Tensor } from "../../tensor/tensor.js";
import { defineOp } from "../define-op.js";
import { contiguousData, outputTensor } from "../kernels.js";
import { normGradients, type FixedStatistics, type NormLayout } from "./norm-gradients.js";
import { affineOf, alignedGradients, recordedInputs, type NormOperands } from "./norm-operands.js";

interface ChannelNormParams {
  readonly shape: ChannelNormShape;
  readonly hasWeight: boolean;
  readonly hasBias: boolean;
  /** Per channel: written by the forward in training (batch statistics), read otherwise (running). */
  readonly mean: Float64Array;
  /** The biased variance, likewise. */
  readonly variance: Float64Array;
}

const floatData = (x: Tensor | null): FloatArray | null =>
  x === null ? null : (contiguousData(x) as FloatArray);

const gradientFor = (x: Tensor | null): Tensor | null =>
  x?.requiresGrad ? outputTensor(x.shape, x.dtype) : null;

const rstdOf = (variance: Float64Array, eps: number): Float64Array =>
  variance.map((v) => 1 / Math.sqrt(v + eps));

function layoutOf({ batch, channels, spatial, eps }: ChannelNormShape): NormLayout {
  const shape = [batch, channels, spatial] as const;
  return { statsShape: shape, statsAxes: [0, 2], affineShape: shape, eps };
}

/** The running statistics as constants of the recorded backward, shaped [1, C, 1]. */
function fixedStatistics(params: ChannelNormParams, like: Tensor): FixedStatistics {
  const asTensor = (values: Float64Array): Tensor =>
    new Tensor(values, [1, values.length, 1]).astype(like.dtype);
  return {
    mean: asTensor(params.mean),
    rstd: asTensor(rstdOf(params.variance, params.shape.eps)),
  };
}

const channelNormOp = /* @__PURE__ */ defineOp<Tensor[], ChannelNormParams>({
  name: "batchNorm",
  forward: (inputs, params, backend) => {
    const x = inputs[0]!;
    const [weight, bias] = affineOf(inputs, params.hasWeight, params.hasBias);
    const output = outputTensor(x.shape, x.dtype);
    const affine = { weight: floatData(weight), bias: floatData(bias) };
    const input = contiguousData(x) as FloatArray;
    const { shape, mean, variance } = params;
    backend.channelNormForward(input, affine, shape, output.data as FloatArray, mean, variance);
    return output;
  },
  backward: (g, { inputs, params }) => {
    const x = inputs[0]!;
    const { hasWeight, hasBias, shape } = params;
    const [weight, bias] = affineOf(inputs, hasWeight, hasBias);
    if (isGradEnabled()) {
      const fixed = shape.training ? null : fixedStatistics(params, x);
      const gradients = normGradients(g, x, weight, bias, layoutOf(shape), fixed);
      return alignedGradients(gradients, hasWeight, hasBias);
    }
    const [dx, dWeight, dBias] = [gradientFor(x), gradientFor(weight), gradientFor(bias)];
    const out = { dx: floatData(dx), dWeight: floatData(dWeight), dBias: floatData(dBias) };
    const [gData, xData] = [contiguousData(g) as FloatArray, contiguousData(x) as FloatArray];
    const rstd = rstdOf(params.variance, shape.eps);
    activeBackend().channelNormBackward(
      gData,
      xData,
      params.mean,
      rstd,
      floatData(weight),
      shape,
      out,
    );
    return alignedGradients([dx, dWeight, dBias], hasWeight, hasBias);
  },
});

/**
 * Normalises checked operands [N, C, spatial] per channel; in training the batch mean and biased
 * variance land in `mean` and `variance`, otherwise those hold the running values to use.
 */
export function channelNorm(
  operands: NormOperands,
  shape: Omit<ChannelNormShape, "eps">,
  mean: Float64Array,
  variance: Float64Array,
): Tensor {
  const { weight, bias, eps } = operands;
  return channelNormOp(recordedInputs(operands), {
    shape: { ...shape, eps },
    hasWeight: weight !== null,
    hasBias: bias !== null,
    mean,
    variance,
  });
}
