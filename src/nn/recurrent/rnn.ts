// nn.RNN: PyTorch's multi-layer Elman network (tanh or relu) over sequences.
import type { RnnNonlinearity } from "../../backend/recurrent-kernels.js";
import { rnnSequence } from "../../ops/recurrent/rnn-sequence.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  biasSum,
  projection,
  RecurrentLayers,
  type CellWeights,
  type DirectionResult,
  type RecurrentOptions,
} from "./recurrent-layers.js";
import type { SequenceOptions } from "./sequence-layout.js";

export interface RNNOptions extends RecurrentOptions {
  /** h_t = tanh(…) (default) or relu(…). */
  readonly nonlinearity?: RnnNonlinearity;
}

/**
 * A stack of Elman RNN layers, h_t = act(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh), over input
 * [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]). `forward`
 * returns the outputs [L, N, D·H] and hN [D·numLayers, N, H].
 * @example const rnn = new nn.RNN(8, 16, { nonlinearity: "relu" }); const [output, hN] = rnn.forward(randn([5, 3, 8]));
 */
export class RNN extends RecurrentLayers<
  [Tensor, (Tensor | null)?, SequenceOptions?],
  [Tensor, Tensor]
> {
  readonly nonlinearity: RnnNonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super("RNN", 1, inputSize, hiddenSize, options);
    this.nonlinearity = options.nonlinearity ?? "tanh";
    if (this.nonlinearity !== "tanh" && this.nonlinearity !== "relu") {
      throw new RangeError(
        `RNN: nonlinearity must be "tanh" or "relu", got "${String(this.nonlinearity)}"`,
      );
    }
  }

  /** Runs the sequence from h0 ([D·numLayers, N, H], zeros if missing); `lengths` for padded batches. */
  forward(
    input: Tensor,
    h0: Tensor | null = null,
    options: SequenceOptions = {},
  ): [Tensor, Tensor] {
    const [output, [hN]] = this.runStack(input, [h0], options);
    return [output, hN!];
  }

  protected runDirection(
    x: Tensor,
    { weightIh, weightHh, biasIh, biasHh }: CellWeights,
    [h0]: readonly Tensor[],
    lengths: Int32Array | null,
  ): DirectionResult {
    const xPre = projection(x, weightIh, biasSum(biasIh, biasHh));
    const states = rnnSequence(xPre, h0!, weightHh, this.nonlinearity, lengths);
    return { output: states, states: [states.at(x.shape[0]! - 1)] };
  }
}
