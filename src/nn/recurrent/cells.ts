// nn.LSTMCell, nn.GRUCell, nn.RNNCell: one step of each recurrence (the layer primitives over one step).
import type { DType } from "../../backend/dtype.js";
import type { RnnNonlinearity } from "../../backend/recurrent-kernels.js";
import { gruSequence } from "../../ops/recurrent/gru-sequence.js";
import { lstmSequence } from "../../ops/recurrent/lstm-sequence.js";
import { rnnSequence } from "../../ops/recurrent/rnn-sequence.js";
import { zeros } from "../../tensor/creation.js";
import { DTypeError, formatShape, ShapeError } from "../../tensor/errors.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { uniformParameter } from "../init.js";
import { checkFeatures } from "../linear.js";
import { Module } from "../module.js";
import { biasSum, projection } from "./recurrent-layers.js";

export interface CellOptions {
  /** Input and hidden biases b_ih, b_hh (default true). */
  readonly bias?: boolean;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/** A cell's parameters under PyTorch's names (weight_ih, weight_hh, bias_ih, bias_hh), U(−1/√H, 1/√H). */
abstract class RecurrentCell<Inputs extends unknown[], Output> extends Module<Inputs, Output> {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly biasIh: Tensor | null;
  readonly biasHh: Tensor | null;

  protected constructor(
    readonly mode: string,
    gates: number,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: CellOptions,
  ) {
    super();
    checkFeatures(mode, inputSize, hiddenSize);
    const init = {
      dtype: options.dtype ?? "float32",
      ...(options.generator ? { generator: options.generator } : {}),
    };
    const [rows, bound, bias] = [
      gates * hiddenSize,
      1 / Math.sqrt(hiddenSize),
      options.bias ?? true,
    ];
    this.weightIh = uniformParameter([rows, inputSize], bound, init);
    this.weightHh = uniformParameter([rows, hiddenSize], bound, init);
    this.biasIh = bias ? uniformParameter([rows], bound, init) : null;
    this.biasHh = bias ? uniformParameter([rows], bound, init) : null;
    const names = [
      ["weightIh", "weight_ih"],
      ["weightHh", "weight_hh"],
      ["biasIh", "bias_ih"],
      ["biasHh", "bias_hh"],
    ];
    for (const [property, key] of names) this.renameParameter(property!, key!);
  }

  /** The input as [N, inputSize] (an unbatched [inputSize] gets N = 1), checked. */
  protected rows(input: Tensor): Tensor {
    if ((input.rank !== 1 && input.rank !== 2) || input.shape.at(-1) !== this.inputSize) {
      throw new ShapeError(
        `${this.mode}: input must be [N, ${this.inputSize}] or [${this.inputSize}], got ${formatShape(input.shape)}`,
      );
    }
    if (input.dtype !== this.weightIh.dtype) {
      throw new DTypeError(
        `${this.mode}: input has dtype ${input.dtype} but the parameters are ${this.weightIh.dtype}`,
      );
    }
    return input.rank === 1 ? input.unsqueeze(0) : input;
  }

  /** A state as [N, H]: zeros when missing, else checked against the input's batching. */
  protected state(what: string, given: Tensor | null, input: Tensor, rows: number): Tensor {
    if (given === null) return zeros([rows, this.hiddenSize], { dtype: input.dtype });
    const expected = input.rank === 1 ? [this.hiddenSize] : [rows, this.hiddenSize];
    if (given.rank !== expected.length || given.shape.some((e, axis) => e !== expected[axis])) {
      throw new ShapeError(
        `${this.mode}: ${what} must have shape ${formatShape(expected)}, got ${formatShape(given.shape)}`,
      );
    }
    return input.rank === 1 ? given.unsqueeze(0) : given;
  }

  /** x·W_ihᵀ + bias as one step [1, N, G·H]. */
  protected projected(x: Tensor, bias: Tensor | null): Tensor {
    return projection(x.unsqueeze(0), this.weightIh, bias);
  }

  /** A [N, H] result back in the input's batching. */
  protected shaped(result: Tensor, input: Tensor): Tensor {
    return input.rank === 1 ? result.squeeze(0) : result;
  }
}

/**
 * One LSTM step: forward(input [N, in], [h, c]?) returns [h′, c′] (zeros when the state is missing;
 * unbatched [in] and [H] work too).
 * @example const cell = new nn.LSTMCell(4, 8); const [h, c] = cell.forward(randn([2, 4])); // h, c [2, 8]
 */
export class LSTMCell extends RecurrentCell<
  [Tensor, ([Tensor, Tensor] | null)?],
  [Tensor, Tensor]
> {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super("LSTMCell", 4, inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx: [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const x = this.rows(input);
    const n = x.shape[0]!;
    const [h, c] = [
      this.state("h", hx?.[0] ?? null, input, n),
      this.state("c", hx?.[1] ?? null, input, n),
    ];
    const states = lstmSequence(
      this.projected(x, biasSum(this.biasIh, this.biasHh)),
      h,
      c,
      this.weightHh,
    );
    return [this.shaped(states.at(0), input), this.shaped(states.at(1), input)];
  }
}

/**
 * One GRU step (PyTorch's r, z, n): forward(input [N, in], h?) returns h′.
 * @example const cell = new nn.GRUCell(4, 8); cell.forward(randn([2, 4])).shape; // [2, 8]
 */
export class GRUCell extends RecurrentCell<[Tensor, (Tensor | null)?], Tensor> {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super("GRUCell", 3, inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const x = this.rows(input);
    const h = this.state("h", hx, input, x.shape[0]!);
    const states = gruSequence(this.projected(x, this.biasIh), h, this.weightHh, this.biasHh);
    return this.shaped(states.at(0), input);
  }
}

export interface RNNCellOptions extends CellOptions {
  readonly nonlinearity?: RnnNonlinearity;
}

/**
 * One Elman step h′ = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh), act tanh (default) or relu.
 * @example const cell = new nn.RNNCell(4, 8, { nonlinearity: "relu" }); cell.forward(randn([2, 4])).shape; // [2, 8]
 */
export class RNNCell extends RecurrentCell<[Tensor, (Tensor | null)?], Tensor> {
  readonly nonlinearity: RnnNonlinearity;

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    super("RNNCell", 1, inputSize, hiddenSize, options);
    this.nonlinearity = options.nonlinearity ?? "tanh";
    if (this.nonlinearity !== "tanh" && this.nonlinearity !== "relu") {
      throw new RangeError(
        `RNNCell: nonlinearity must be "tanh" or "relu", got "${String(this.nonlinearity)}"`,
      );
    }
  }

  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const x = this.rows(input);
    const h = this.state("h", hx, input, x.shape[0]!);
    const xPre = this.projected(x, biasSum(this.biasIh, this.biasHh));
    return this.shaped(rnnSequence(xPre, h, this.weightHh, this.nonlinearity).at(0), input);
  }
}
