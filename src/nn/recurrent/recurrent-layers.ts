// The stack behind nn.RNN, nn.LSTM and nn.GRU: layers × directions of one recurrent primitive, with
// PyTorch's parameter names, initialisation, state shapes, concatenation order and inter-layer dropout.
import type { DType } from "../../backend/dtype.js";
import { concat, stack } from "../../ops/index.js";
import { zeros } from "../../tensor/creation.js";
import { DTypeError, ShapeError } from "../../tensor/errors.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Dropout } from "../dropout.js";
import { uniformParameter } from "../init.js";
import { checkFeatures } from "../linear.js";
import { Module } from "../module.js";
import { SequenceLayout, type SequenceOptions } from "./sequence-layout.js";

export interface RecurrentOptions {
  /** Stacked layers (default 1): layer k + 1 reads layer k's outputs. */
  readonly numLayers?: number;
  /** Input and hidden biases b_ih, b_hh (default true). */
  readonly bias?: boolean;
  /** Input and output as [N, L, features] instead of [L, N, features] (states keep [D·layers, N, H]). */
  readonly batchFirst?: boolean;
  /** Dropout probability on every layer's output but the last, in training mode only (default 0). */
  readonly dropout?: number;
  /** A second direction per layer reading the sequence backwards; outputs are [forward, backward]. */
  readonly bidirectional?: boolean;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/** One direction of one layer: W_ih [G·H, in], W_hh [G·H, H] and the biases [G·H] (or null). */
export interface CellWeights {
  readonly weightIh: Tensor;
  readonly weightHh: Tensor;
  readonly biasIh: Tensor | null;
  readonly biasHh: Tensor | null;
}

/** One direction's run: its outputs [L, N, H] and final states (h, and c for an LSTM), each [N, H]. */
export interface DirectionResult {
  readonly output: Tensor;
  readonly states: readonly Tensor[];
}

/** x·W_ihᵀ + b for every step at once: [L, N, in] → [L, N, G·H], one GEMM over all L·N rows. */
export function projection(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [steps, rows, features] = x.shape as [number, number, number];
  const product = x.reshape([steps * rows, features]).matmul(weight.transpose());
  return (bias === null ? product : product.add(bias)).reshape([steps, rows, weight.shape[0]!]);
}

/** b_ih + b_hh (both, one or none), for cells whose two biases are simply added. */
export function biasSum(first: Tensor | null, second: Tensor | null): Tensor | null {
  return first === null ? second : second === null ? first : first.add(second);
}

/** PyTorch's state-dict suffix and our property suffix of a layer and direction (l1_reverse, L1Reverse). */
const suffixes = (layer: number, direction: number): [string, string] =>
  direction === 1 ? [`l${layer}_reverse`, `L${layer}Reverse`] : [`l${layer}`, `L${layer}`];

const SLOTS = [
  ["weight_ih", "weightIh"],
  ["weight_hh", "weightHh"],
  ["bias_ih", "biasIh"],
  ["bias_hh", "biasHh"],
] as const;

/**
 * A stack of recurrent layers. Parameters are own properties (weightIhL0, …) saved under PyTorch's
 * keys (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, then …_reverse), each drawn from
 * U(−1/√H, 1/√H) in that order, as PyTorch does.
 */
export abstract class RecurrentLayers<Inputs extends unknown[], Output> extends Module<
  Inputs,
  Output
> {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly #dropout: Dropout | null;

  protected constructor(
    readonly mode: string,
    gates: number,
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentOptions,
  ) {
    super();
    checkFeatures(mode, inputSize, hiddenSize, options.numLayers ?? 1);
    this.numLayers = options.numLayers ?? 1;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.bidirectional = options.bidirectional ?? false;
    if (!(this.dropout >= 0 && this.dropout < 1))
      throw new RangeError(`${mode}: dropout must be in [0, 1), got ${this.dropout}`);
    const generator = options.generator ? { generator: options.generator } : {};
    this.#dropout = this.dropout > 0 ? new Dropout(this.dropout, generator) : null;
    const init = { dtype: options.dtype ?? "float32", ...generator };
    const bound = 1 / Math.sqrt(hiddenSize);
    for (let layer = 0; layer < this.numLayers; layer++) {
      const inFeatures = layer === 0 ? inputSize : hiddenSize * this.numDirections;
      for (let direction = 0; direction < this.numDirections; direction++) {
        const shapes = [
          [gates * hiddenSize, inFeatures],
          [gates * hiddenSize, hiddenSize],
        ];
        SLOTS.forEach(([key, property], slot) => {
          if (slot >= 2 && !this.bias) return;
          const [keySuffix, propertySuffix] = suffixes(layer, direction);
          const shape = shapes[slot] ?? [gates * hiddenSize];
          (this as Record<string, unknown>)[property + propertySuffix] = uniformParameter(
            shape,
            bound,
            init,
          );
          this.renameParameter(property + propertySuffix, `${key}_${keySuffix}`);
        });
      }
    }
  }

  /** D: 2 when bidirectional, else 1. */
  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** The parameters of `layer` in `direction`, read at call time (so functionalCall's replacements apply). */
  weightsOf(layer: number, direction: number): CellWeights {
    const [, suffix] = suffixes(layer, direction);
    const own = this as Record<string, unknown>;
    const read = (property: string): Tensor | null => (own[property + suffix] as Tensor) ?? null;
    return {
      weightIh: read("weightIh")!,
      weightHh: read("weightHh")!,
      biasIh: read("biasIh"),
      biasHh: read("biasHh"),
    };
  }

  /** How one direction of one layer runs over [L, N, in] from its initial states ([N, H] each). */
  protected abstract runDirection(
    x: Tensor,
    weights: CellWeights,
    initial: readonly Tensor[],
    lengths: Int32Array | null,
  ): DirectionResult;

  /**
   * Runs every layer and direction: the output in the caller's layout ([L, N, D·H], forward
   * direction first), and each final state ([D·numLayers, N, H], layer-major, forward first).
   * `initial` holds the caller's states (null: zeros), one per state kind (h, or h and c).
   */
  protected runStack(
    input: Tensor,
    initial: readonly (Tensor | null)[],
    options: SequenceOptions = {},
  ): [Tensor, Tensor[]] {
    const layout = new SequenceLayout(this.mode, input, this.batchFirst, options.lengths);
    this.checkInput(layout.timeMajor);
    const count = this.numDirections * this.numLayers;
    const names = initial.length === 1 ? ["h0"] : ["h0", "c0"];
    const starts = initial.map((state, k) =>
      state === null
        ? zeros([count, layout.rows, this.hiddenSize], { dtype: input.dtype })
        : layout.stateFromCaller(names[k]!, state, [count, this.hiddenSize]),
    );
    const finals: Tensor[][] = initial.map(() => []);
    let x = layout.timeMajor;
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[] = [];
      for (let direction = 0; direction < this.numDirections; direction++) {
        const source = direction === 1 ? layout.reverse(x) : x;
        const states = starts.map((state) => state.at(layer * this.numDirections + direction));
        const result = this.runDirection(
          source,
          this.weightsOf(layer, direction),
          states,
          layout.lengths,
        );
        outputs.push(direction === 1 ? layout.reverse(result.output) : result.output);
        result.states.forEach((state, k) => finals[k]!.push(state));
      }
      x = outputs.length === 1 ? outputs[0]! : concat(outputs, 2);
      if (this.#dropout !== null && this.training && layer < this.numLayers - 1)
        x = this.#dropout.forward(x);
    }
    const output = layout.outputToCaller(layout.masked(x));
    return [output, finals.map((states) => layout.stateToCaller(stack(states, 0)))];
  }

  private checkInput(x: Tensor): void {
    const features = x.shape[2];
    if (features !== this.inputSize) {
      throw new ShapeError(
        `${this.mode}: input has ${features} features per step, expected inputSize ${this.inputSize}`,
      );
    }
    const dtype = this.weightsOf(0, 0).weightIh.dtype;
    if (x.dtype !== dtype) {
      throw new DTypeError(
        `${this.mode}: input has dtype ${x.dtype} but the parameters are ${dtype} (pass { dtype: "${x.dtype}" } when creating the module, or cast the input)`,
      );
    }
  }
}
