// The three convolution primitives: conv2d, its transpose in the input (convTranspose) and in the
// weight. They are the three bilinear faces of one form ⟨conv(x, w), y⟩, so each one's backward is
// made of the other two and every order of derivative stays inside the family.
import type { ConvGeometry } from "../../backend/conv-kernels.js";
import type { FloatArray } from "../../backend/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type Op } from "../define-op.js";
import { contiguousData, outputTensor } from "../kernels.js";

interface ConvParams {
  readonly geometry: ConvGeometry;
}

type ConvOp = Op<readonly Tensor[], ConvParams>;

const floatData = (x: Tensor): FloatArray => contiguousData(x) as FloatArray;

/** y = conv(x, w) + bias: inputs [x, w] or [x, w, bias]. */
export const convOp: ConvOp = /* @__PURE__ */ defineOp<readonly Tensor[], ConvParams>({
  name: "conv2d",
  forward: ([x, weight, bias], { geometry }, backend) => {
    const { batch, outChannels, outHeight, outWidth } = geometry;
    const output = outputTensor([batch, outChannels, outHeight, outWidth], x!.dtype);
    const biasData = bias === undefined ? null : floatData(bias);
    backend.conv2d(
      floatData(x!),
      floatData(weight!),
      biasData,
      geometry,
      output.data as FloatArray,
    );
    return output;
  },
  // ∂⟨conv(x, w), G⟩: x̄ = convᵀₓ(G, w), w̄ = convᵀ_w(x, G), b̄ = Σ_{n,i,j} G
  backward: (outputGrad, { inputs: [x, weight, bias], params }) => [
    x!.requiresGrad ? convTransposeOp([outputGrad, weight!], params) : null,
    weight!.requiresGrad ? convWeightOp([x!, outputGrad], params) : null,
    bias?.requiresGrad ? outputGrad.sum([2, 3]).sum(0) : null,
  ],
});

/** x̃ = convᵀₓ(y, w): shaped like the convolution's input, from y shaped like its output. */
export const convTransposeOp: ConvOp = /* @__PURE__ */ defineOp<readonly Tensor[], ConvParams>({
  name: "convTranspose2d",
  forward: ([y, weight], { geometry }, backend) => {
    const { batch, inChannels, height, width } = geometry;
    const output = outputTensor([batch, inChannels, height, width], y!.dtype);
    backend.conv2dTranspose(floatData(y!), floatData(weight!), geometry, output.data as FloatArray);
    return output;
  },
  // ⟨X̄, convᵀₓ(y, w)⟩ = ⟨conv(X̄, w), y⟩: ȳ = conv(X̄, w), w̄ = convᵀ_w(X̄, y)
  backward: (outputGrad, { inputs: [y, weight], params }) => [
    y!.requiresGrad ? convOp([outputGrad, weight!], params) : null,
    weight!.requiresGrad ? convWeightOp([outputGrad, y!], params) : null,
  ],
});

/** w̃ = convᵀ_w(x, y): shaped like the weight, Σ over samples and positions of y ⊗ x's windows. */
export const convWeightOp: ConvOp = /* @__PURE__ */ defineOp<readonly Tensor[], ConvParams>({
  name: "conv2dWeight",
  forward: ([x, y], { geometry }, backend) => {
    const { groups, inChannels, outChannels, kernelHeight, kernelWidth } = geometry;
    const shape = [outChannels, inChannels / groups, kernelHeight, kernelWidth];
    const output = outputTensor(shape, x!.dtype);
    backend.conv2dWeight(floatData(x!), floatData(y!), geometry, output.data as FloatArray);
    return output;
  },
  // ⟨W̄, convᵀ_w(x, y)⟩ = ⟨conv(x, W̄), y⟩: x̄ = convᵀₓ(y, W̄), ȳ = conv(x, W̄)
  backward: (outputGrad, { inputs: [x, y], params }) => [
    x!.requiresGrad ? convTransposeOp([y!, outputGrad], params) : null,
    y!.requiresGrad ? convOp([x!, outputGrad], params) : null,
  ],
});
