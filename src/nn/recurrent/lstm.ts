// nn.LSTM: PyTorch's multi-layer long short-term memory network over sequences.
import { lstmSequence } from "../../ops/recurrent/lstm-sequence.js";
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

/**
 * A stack of LSTM layers (gates i, f, g, o: c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t)) over input
 * [L, N, inputSize] ([N, L, inputSize] with batchFirst, or unbatched [L, inputSize]). `forward`
 * returns the last layer's outputs [L, N, D·H] (forward direction first) and the final states
 * [hN, cN], each [D·numLayers, N, H]; missing initial states are zeros. Each step runs one GEMM and
 * one fused gate kernel; all steps' input projections are one GEMM.
 * @example const lstm = new nn.LSTM(8, 16, { numLayers: 2, bidirectional: true }); const [output, [hN, cN]] = lstm.forward(randn([5, 3, 8])); // output [5, 3, 32], hN [4, 3, 16]
 */
export class LSTM extends RecurrentLayers<
  [Tensor, ([Tensor, Tensor] | null)?, SequenceOptions?],
  [Tensor, [Tensor, Tensor]]
> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super("LSTM", 4, inputSize, hiddenSize, options);
  }

  /** Runs the sequence from [h0, c0] (each [D·numLayers, N, H]); `lengths` for padded batches. */
  forward(
    input: Tensor,
    hx: [Tensor, Tensor] | null = null,
    options: SequenceOptions = {},
  ): [Tensor, [Tensor, Tensor]] {
    const [output, [hN, cN]] = this.runStack(input, hx ?? [null, null], options);
    return [output, [hN!, cN!]];
  }

  protected runDirection(
    x: Tensor,
    { weightIh, weightHh, biasIh, biasHh }: CellWeights,
    [h0, c0]: readonly Tensor[],
    lengths: Int32Array | null,
  ): DirectionResult {
    const steps = x.shape[0]!;
    const xGates = projection(x, weightIh, biasSum(biasIh, biasHh));
    const states = lstmSequence(xGates, h0!, c0!, weightHh, lengths);
    return { output: states.slice(0, 0, steps), states: [states.at(steps - 1), states.at(steps)] };
  }
}
