// batchNorm: each channel normalised by the batch's statistics (training, updating the running ones
// in place) or by the running statistics (evaluation), then a per-channel affine.
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { channelNorm } from "./channel-norm.js";
import { checkBatchedInput, normOperands, type AffineOptions } from "./norm-operands.js";

/** batchNorm's options, as PyTorch's batch_norm names them. */
export interface BatchNormOptions extends AffineOptions {
  /** Batch statistics, updating the running ones (true), or the running ones (default false). */
  readonly training?: boolean;
  /** Weight of the batch statistic in the running update (default 0.1). */
  readonly momentum?: number;
}

/** The values of a 1-D running tensor as float64. */
function valuesOf(running: Tensor): Float64Array {
  const values = new Float64Array(running.size);
  for (let i = 0; i < values.length; i++)
    values[i] = running.data[running.offset + i * running.strides[0]!]!;
  return values;
}

/** running ← momentum·batch + (1 − momentum)·running, in place (outside any graph). */
function updateInPlace(running: Tensor, batch: Float64Array, momentum: number, scale = 1): void {
  const { data, offset } = running;
  const stride = running.strides[0]!;
  for (let c = 0; c < batch.length; c++) {
    const at = offset + c * stride;
    data[at] = momentum * (batch[c]! * scale) + (1 - momentum) * data[at]!;
  }
}

/** Checks that a running tensor is a float vector of `channels` values. */
function checkRunning(name: string, running: Tensor | null, input: Tensor, channels: number): void {
  if (running === null) return;
  if (running.rank !== 1 || running.shape[0] !== channels || running.dtype === "int32") {
    throw new ShapeError(
      `batchNorm: ${name} has shape ${formatShape(running.shape)} (${running.dtype}) but the input ${formatShape(input.shape)} has ${channels} channels: expected a float tensor of shape [${channels}]`,
    );
  }
}

/**
 * Batch normalisation of input [N, C, *] (PyTorch's batch_norm): (x − μ)/√(σ² + eps)·weight + bias
 * per channel. In training, μ and the biased σ² are the batch's (differentiated), and `runningMean`
 * and `runningVar` (when given) are updated in place: r ← (1 − momentum)·r + momentum·stat, with
 * the unbiased variance for `runningVar`. Otherwise the running values are used (and required).
 * Input, weight and bias promote to one float dtype (int32 input computes in float32).
 * @example const mean = zeros([3]), variance = ones([3]); batchNorm(randn([8, 3]), mean, variance, { training: true });
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: BatchNormOptions = {},
): Tensor {
  checkBatchedInput("batchNorm", input);
  const { training = false, momentum = 0.1 } = options;
  const [batch, channels] = input.shape as [number, number];
  const spatial = input.size / Math.max(batch * channels, 1);
  checkRunning("runningMean", runningMean, input, channels);
  checkRunning("runningVar", runningVar, input, channels);
  const operands = normOperands("batchNorm", input, options, [channels], `${channels} channels`);
  if (!Number.isFinite(momentum))
    throw new RangeError(`batchNorm: momentum must be a finite number, got ${momentum}`);
  const count = batch * spatial;
  if (training && count <= 1) {
    throw new ShapeError(
      `batchNorm: expected more than 1 value per channel when training, got input of shape ${formatShape(input.shape)}`,
    );
  }
  if (!training && (runningMean === null || runningVar === null)) {
    throw new ShapeError(
      "batchNorm: runningMean and runningVar are needed when not training (training: false)",
    );
  }
  const mean = training ? new Float64Array(channels) : valuesOf(runningMean!);
  const variance = training ? new Float64Array(channels) : valuesOf(runningVar!);
  const output = channelNorm(operands, { batch, channels, spatial, training }, mean, variance);
  if (training) {
    if (runningMean !== null) updateInPlace(runningMean, mean, momentum);
    if (runningVar !== null) updateInPlace(runningVar, variance, momentum, count / (count - 1));
  }
  return output;
}
