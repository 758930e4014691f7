// The pooling primitives: max pooling (its window maxima's positions kept for a scatter-add backward)
// and average pooling with its transpose, each the other's backward.
import type { PoolGeometry } from "../../backend/conv-kernels.js";
import type { FloatArray } from "../../backend/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { defineOp, type Op } from "../define-op.js";
import { gather } from "../gather.js";
import { contiguousData, outputTensor } from "../kernels.js";

/** The positions of the maxima, filled in by the forward pass for the backward pass. */
interface MaxPoolParams {
  readonly geometry: PoolGeometry;
  readonly saved: { indices: Tensor | null };
}

/** x [planes, H, W] (any leading axes of that size) ↦ window maxima [planes, OH, OW]. */
export const maxPoolOp = /* @__PURE__ */ defineOp<[Tensor], MaxPoolParams>({
  name: "maxPool2d",
  forward: ([x], { geometry, saved }, backend) => {
    const { planes, outHeight, outWidth } = geometry;
    const shape = [...x.shape.slice(0, -2), outHeight, outWidth];
    const output = outputTensor(shape, x.dtype);
    const indices = new Int32Array(planes * outHeight * outWidth);
    backend.maxPool2d(
      contiguousData(x) as FloatArray,
      geometry,
      output.data as FloatArray,
      indices,
    );
    saved.indices = new Tensor(indices, [planes, outHeight * outWidth]);
    return output;
  },
  // ∂y[p, k]/∂x[p, index[p, k]] = 1: the gradient is scatter-added to each window's maximum
  backward: (outputGrad, { params }) => [maxUnpoolOp([outputGrad], params)],
});

/** y [planes, OH, OW] ↦ zeros of x's shape with y added at the maxima's positions (a scatter-add). */
const maxUnpoolOp: Op<[Tensor], MaxPoolParams> = /* @__PURE__ */ defineOp<[Tensor], MaxPoolParams>({
  name: "maxUnpool2d",
  forward: ([y], { geometry, saved }, backend) => {
    const { height, width } = geometry;
    const output = outputTensor([...y.shape.slice(0, -2), height, width], y.dtype);
    const data = contiguousData(y) as FloatArray;
    backend.maxUnpool2d(
      data,
      saved.indices!.data as Int32Array,
      geometry,
      output.data as FloatArray,
    );
    return output;
  },
  // the transpose of a scatter-add is a gather from the same positions
  backward: (outputGrad, { params: { geometry, saved } }) => {
    const { planes, height, width, outHeight, outWidth } = geometry;
    const flat = outputGrad.reshape([planes, height * width]);
    const picked = gather(flat, 1, saved.indices!);
    return [picked.reshape([...outputGrad.shape.slice(0, -2), outHeight, outWidth])];
  },
});

interface AvgPoolParams {
  readonly geometry: PoolGeometry;
  readonly countIncludePad: boolean;
}

/** x [planes, H, W] ↦ window means [planes, OH, OW]. */
export const avgPoolOp: Op<[Tensor], AvgPoolParams> = /* @__PURE__ */ defineOp<
  [Tensor],
  AvgPoolParams
>({
  name: "avgPool2d",
  forward: ([x], params, backend) => {
    const { outHeight, outWidth } = params.geometry;
    const output = outputTensor([...x.shape.slice(0, -2), outHeight, outWidth], x.dtype);
    const data = contiguousData(x) as FloatArray;
    backend.avgPool2d(data, params.geometry, params.countIncludePad, output.data as FloatArray);
    return output;
  },
  // linear, with the transpose as its vector-Jacobian product
  backward: (outputGrad, { params }) => [avgPoolTransposeOp([outputGrad], params)],
});

/** y [planes, OH, OW] ↦ Σ over the windows covering each position of y / divisor: x's shape. */
const avgPoolTransposeOp: Op<[Tensor], AvgPoolParams> = /* @__PURE__ */ defineOp<
  [Tensor],
  AvgPoolParams
>({
  name: "avgPool2dTranspose",
  forward: ([y], params, backend) => {
    const { height, width } = params.geometry;
    const output = outputTensor([...y.shape.slice(0, -2), height, width], y.dtype);
    const data = contiguousData(y) as FloatArray;
    backend.avgPool2dTranspose(
      data,
      params.geometry,
      params.countIncludePad,
      output.data as FloatArray,
    );
    return output;
  },
  // the transpose of the transpose is average pooling again
  backward: (outputGrad, { params }) => [avgPoolOp([outputGrad], params)],
});
