// PyTorch's nn.TransformerEncoderLayer (self-attention and feed-forward blocks, post- or pre-norm),
// and the decoder-only block of language models: the pre-norm layer, always causal.
import type { DType } from "../backend/dtype.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Dropout } from "./dropout.js";
import { keepsNothing, markGraphOnlyInternals } from "./graph-only-activations.js";
import { linearRelu } from "../ops/linear-relu.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { MultiheadAttention } from "./multihead-attention.js";
import { LayerNorm } from "./layer-norm.js";

export type TransformerActivation = "relu" | "gelu" | ((x: Tensor) => Tensor);

export interface TransformerEncoderLayerOptions {
  /** Width of the feed-forward block (default 2048, as PyTorch). */
  readonly dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block (default 0.1). */
  readonly dropout?: number;
  readonly activation?: TransformerActivation;
  readonly layerNormEps?: number;
  /** Inputs as [N, L, E] (default false: [L, N, E], as PyTorch). */
  readonly batchFirst?: boolean;
  /** LayerNorm before each block (pre-norm) instead of after the residual sum (default false). */
  readonly normFirst?: boolean;
  /** Biases in the linear layers and LayerNorms (default true). */
  readonly bias?: boolean;
  readonly dtype?: DType;
  /** Draws the initial weights and the dropout masks (default: the global generator). */
  readonly generator?: Generator;
}

export interface TransformerEncoderLayerForwardOptions {
  /** [L, L] or [N·nhead, L, L]; int32 1 = may not attend, or float added (MultiheadAttention's). */
  readonly srcMask?: Tensor | null;
  /** [N, L]: int32 1 = a padding position to ignore, or float added. */
  readonly srcKeyPaddingMask?: Tensor | null;
  /** Position i attends to positions j ≤ i only. */
  readonly isCausal?: boolean;
}

type Inputs = [Tensor, TransformerEncoderLayerForwardOptions?];

/**
 * Self-attention then a feed-forward block, each with dropout and a residual connection;
 * post-norm x = norm(x + block(x)) by default, pre-norm x = x + block(norm(x)) with normFirst.
 * State-dict keys as PyTorch's: self_attn.*, linear1.*, linear2.*, norm1.*, norm2.*. While gradients
 * are recorded, the tensors made inside forward belong to the graph (PyTorch's saved tensors):
 * backward() reuses their storage once it releases the graph (unless `retainGraph: true`).
 * @example const layer = new nn.TransformerEncoderLayer(64, 4, { batchFirst: true }); layer.forward(x).shape; // x.shape
 */
export class TransformerEncoderLayer extends Module<Inputs, Tensor> {
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly normFirst: boolean;
  private readonly activation: (x: Tensor) => Tensor;
  private readonly builtInActivation: boolean;
  private readonly reluActivation: boolean;

  constructor(
    readonly dModel: number,
    readonly nhead: number,
    readonly options: TransformerEncoderLayerOptions = {},
  ) {
    super();
    const { dimFeedforward = 2048, dropout = 0.1, activation = "relu", bias = true } = options;
    const generator = options.generator ?? defaultGenerator;
    const dtype = options.dtype ?? "float32";
    const init = { bias, dtype, generator };
    this.selfAttn = new MultiheadAttention(dModel, nhead, {
      ...init,
      dropout,
      batchFirst: options.batchFirst ?? false,
    });
    this.linear1 = new Linear(dModel, dimFeedforward, init);
    this.dropout = new Dropout(dropout, { generator });
    this.linear2 = new Linear(dimFeedforward, dModel, init);
    this.normFirst = options.normFirst ?? false;
    const norm = { eps: options.layerNormEps ?? 1e-5, bias, dtype };
    this.norm1 = new LayerNorm(dModel, norm);
    this.norm2 = new LayerNorm(dModel, norm);
    this.dropout1 = new Dropout(dropout, { generator });
    this.dropout2 = new Dropout(dropout, { generator });
    this.activation =
      activation === "relu"
        ? (x) => x.relu()
        : activation === "gelu"
          ? (x) => x.gelu()
          : activation;
    this.builtInActivation = activation === "relu" || activation === "gelu";
    this.reluActivation = activation === "relu";
    this.renameChild("selfAttn", "self_attn");
  }

  forward(src: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    const internal: Tensor[] = [];
    const seen: Tensor[] = [src];
    const kept = (x: Tensor): Tensor => (internal.push(x), x);
    const attend = (x: Tensor): Tensor => {
      const [attended] = this.selfAttn.forward(x, x, x, {
        attnMask: options.srcMask ?? null,
        keyPaddingMask: options.srcKeyPaddingMask ?? null,
        isCausal: options.isCausal ?? false,
        needWeights: false,
      });
      return kept(this.dropout1.forward(kept(attended)));
    };
    const feedForward = (x: Tensor): Tensor => {
      const activated = this.hiddenLayer(x, internal, seen);
      const dropped = kept(this.dropout.forward(activated));
      return kept(this.dropout2.forward(kept(this.linear2.forward(dropped))));
    };
    let output: Tensor;
    if (this.normFirst) {
      const x = kept(src.add(attend(kept(this.norm1.forward(src)))));
      output = x.add(feedForward(kept(this.norm2.forward(x))));
    } else {
      const x = kept(this.norm1.forward(kept(src.add(attend(src)))));
      output = this.norm2.forward(kept(x.add(feedForward(x))));
    }
    if (this.keepsNothing()) markGraphOnlyInternals(internal, [...seen, output]);
    return output;
  }

  /**
   * activation(linear1(x)): with ReLU and a built-in Linear, one primitive that applies relu as the
   * product is stored (the pre-activation is never kept). The tensors go to `internal`, or to `seen`
   * when a user's activation sees them (they are not the graph's alone then).
   */
  private hiddenLayer(x: Tensor, internal: Tensor[], seen: Tensor[]): Tensor {
    if (this.reluActivation && this.linear1.constructor === Linear) {
      const activated = linearRelu(x, this.linear1.weight, this.linear1.bias);
      internal.push(activated);
      return activated;
    }
    const hidden = this.linear1.forward(x);
    const activated = this.activation(hidden);
    (this.builtInActivation ? internal : seen).push(hidden, activated);
    return activated;
  }

  /** Whether every child is a built-in module that keeps no tensor (so the internals are the graph's). */
  private keepsNothing(): boolean {
    const layers = [this.linear1, this.linear2, this.norm1, this.norm2];
    const dropouts = [this.dropout, this.dropout1, this.dropout2];
    return (
      this.selfAttn.constructor === MultiheadAttention &&
      [...layers, ...dropouts].every(keepsNothing)
    );
  }

  /** A deep copy: the same options and parameter values, independent tensors, the same mode. */
  clone(): this {
    const copy = new (
      this.constructor as new (
        dModel: number,
        nhead: number,
        options: TransformerEncoderLayerOptions,
      ) => this
    )(this.dModel, this.nhead, this.options);
    copy.loadStateDict(this.stateDict());
    return copy.train(this.training);
  }
}

/**
 * The block of decoder-only language models (GPT): a pre-norm TransformerEncoderLayer that is always
 * causal, batch first by default. Its state-dict keys are the encoder layer's, so it loads into
 * PyTorch's TransformerEncoderLayer(norm_first=True) called with is_causal=True.
 * @example const block = new nn.TransformerDecoderOnlyBlock(64, 4, { dropout: 0 }); block.forward(x); // x: [N, T, 64]
 */
export class TransformerDecoderOnlyBlock extends TransformerEncoderLayer {
  constructor(dModel: number, nhead: number, options: TransformerEncoderLayerOptions = {}) {
    super(dModel, nhead, { batchFirst: true, ...options, normFirst: true });
  }

  /** x [N, T, dModel] (batch first unless told otherwise); srcKeyPaddingMask [N, T] as the layer's. */
  override forward(x: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    return super.forward(x, { ...options, isCausal: true });
  }
}
