// nn.GRU: PyTorch's multi-layer gated recurrent unit network over sequences.
import { gruSequence } from "../../ops/recurrent/gru-sequence.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  projection,
  RecurrentLayers,
  type CellWeights,
  type DirectionResult,
  type RecurrentOptions,
} from "./recurrent-layers.js";
import type { SequenceOptions } from "./sequence-layout.js";

/**
 * A stack of GRU layers (gates r, z, n as PyTorch: n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)),
 * h_t = (1 − z)⊙n + z⊙h_{t−1}) over input [L, N, inputSize] ([N, L, inputSize] with batchFirst, or
 * unbatched [L, inputSize]). `forward` returns the outputs [L, N, D·H] and hN [D·numLayers, N, H].
 * @example const gru = new nn.GRU(8, 16, { batchFirst: true }); const [output, hN] = gru.forward(randn([3, 5, 8])); // output [3, 5, 16], hN [1, 3, 16]
 */
export class GRU extends RecurrentLayers<
  [Tensor, (Tensor | null)?, SequenceOptions?],
  [Tensor, Tensor]
> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super("GRU", 3, inputSize, hiddenSize, options);
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
    const states = gruSequence(projection(x, weightIh, biasIh), h0!, weightHh, biasHh, lengths);
    return { output: states, states: [states.at(x.shape[0]! - 1)] };
  }
}
