// A multilayer perceptron: Linear layers of the given sizes with an activation between them.
import type { DType } from "../backend/dtype.js";
import type { Generator } from "../tensor/random.js";
import { activation, type ActivationName } from "./activations.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";

export interface MLPOptions {
  /** The activation between layers (default "relu"); none follows the last layer. */
  readonly activation?: ActivationName;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/**
 * Linear(sizes[0], sizes[1]), activation, …, Linear(sizes[n−2], sizes[n−1]) (logits out).
 * @example const mlp = new nn.MLP([2, 16, 1], { activation: "tanh", generator: new Generator(0) });
 */
export class MLP extends Sequential {
  constructor(sizes: readonly number[], options: MLPOptions = {}) {
    if (sizes.length < 2) {
      throw new RangeError(`MLP: needs at least two sizes (in and out), got [${sizes.join(", ")}]`);
    }
    const layers: Module[] = [];
    const linearOptions = {
      ...(options.dtype ? { dtype: options.dtype } : {}),
      ...(options.generator ? { generator: options.generator } : {}),
    };
    for (let i = 0; i + 1 < sizes.length; i++) {
      if (i > 0) layers.push(activation(options.activation ?? "relu"));
      layers.push(new Linear(sizes[i]!, sizes[i + 1]!, linearOptions));
    }
    super(...layers);
  }
}
