// adaptiveAvgPool2d: PyTorch's adaptive windows, as average pooling when they tile the input evenly,
// else as averaging matrices on both sides (Aₕ · x · A_wᵀ), so it is differentiable like matmul.
import type { Tensor } from "../../tensor/tensor.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import { tensor } from "../../tensor/creation.js";
import { avgPool2d } from "./pool.js";

/** A [out, size] matrix whose row i averages window i: rows ⌊i·size/out⌋ … ⌈(i+1)·size/out⌉ − 1. */
function averagingMatrix(out: number, size: number, dtype: Tensor["dtype"]): Tensor {
  const rows = Array.from({ length: out }, (_, i) => {
    const start = Math.floor((i * size) / out);
    const end = Math.ceil(((i + 1) * size) / out);
    return Array.from({ length: size }, (_, h) => (h >= start && h < end ? 1 / (end - start) : 0));
  });
  return tensor(rows, { dtype });
}

/**
 * Average pooling to a fixed output size [OH, OW] (a number for both; null keeps that input size)
 * over [N, C, H, W] or [C, H, W], with PyTorch's window bounds.
 * @example adaptiveAvgPool2d(randn([2, 8, 7, 7]), 1).shape; // [2, 8, 1, 1]
 */
export function adaptiveAvgPool2d(
  input: Tensor,
  outputSize: number | readonly [number | null, number | null],
): Tensor {
  if ((input.rank !== 3 && input.rank !== 4) || input.dtype === "int32") {
    throw new ShapeError(
      `adaptiveAvgPool2d: expected a float 3-D [C, H, W] or 4-D [N, C, H, W] input, got ${formatShape(input.shape)} ${input.dtype}`,
    );
  }
  const [height, width] = input.shape.slice(-2) as [number, number];
  const pair = typeof outputSize === "number" ? [outputSize, outputSize] : outputSize;
  const outHeight = pair[0] ?? height;
  const outWidth = pair[1] ?? width;
  if (![outHeight, outWidth].every((size) => Number.isInteger(size) && size >= 1)) {
    throw new RangeError(
      `adaptiveAvgPool2d: outputSize must be positive integers, got ${JSON.stringify(outputSize)}`,
    );
  }
  if (height % outHeight === 0 && width % outWidth === 0) {
    const kernelSize = [height / outHeight, width / outWidth] as const;
    return avgPool2d(input, { kernelSize });
  }
  const rows = averagingMatrix(outHeight, height, input.dtype);
  const cols = averagingMatrix(outWidth, width, input.dtype);
  return rows.matmul(input.matmul(cols.transpose()));
}
