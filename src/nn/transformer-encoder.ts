// PyTorch's nn.TransformerEncoder: a stack of deep copies of one encoder layer and an optional norm.
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";
import type {
  TransformerEncoderLayer,
  TransformerEncoderLayerForwardOptions,
} from "./transformer-encoder-layer.js";

export interface TransformerEncoderOptions {
  /** Applied to the last layer's output (PyTorch's `norm`), e.g. a LayerNorm for pre-norm stacks. */
  readonly norm?: Module | null;
}

export interface TransformerEncoderForwardOptions {
  /** Every layer's srcMask. */
  readonly mask?: Tensor | null;
  readonly srcKeyPaddingMask?: Tensor | null;
  readonly isCausal?: boolean;
}

type Inputs = [Tensor, TransformerEncoderForwardOptions?];

/**
 * numLayers deep copies of `encoderLayer` applied in turn (so all start from its weights, as
 * PyTorch's copy.deepcopy), then `norm`. State-dict keys: layers.<i>.*, norm.*.
 * @example const encoder = new nn.TransformerEncoder(new nn.TransformerEncoderLayer(64, 4), 6);
 */
export class TransformerEncoder extends Module<Inputs, Tensor> {
  readonly layers: TransformerEncoderLayer[];
  readonly norm: Module | null;

  constructor(
    encoderLayer: TransformerEncoderLayer,
    readonly numLayers: number,
    options: TransformerEncoderOptions = {},
  ) {
    super();
    if (!Number.isInteger(numLayers) || numLayers < 1)
      throw new RangeError(
        `TransformerEncoder: numLayers must be a positive integer, got ${numLayers}`,
      );
    this.layers = Array.from({ length: numLayers }, () => encoderLayer.clone());
    this.norm = options.norm ?? null;
  }

  forward(src: Tensor, options: TransformerEncoderForwardOptions = {}): Tensor {
    const layerOptions: TransformerEncoderLayerForwardOptions = {
      srcMask: options.mask ?? null,
      srcKeyPaddingMask: options.srcKeyPaddingMask ?? null,
      isCausal: options.isCausal ?? false,
    };
    const output = this.layers.reduce((x, layer) => layer.forward(x, layerOptions), src);
    return this.norm === null ? output : (this.norm as Module).forward(output);
  }
}
