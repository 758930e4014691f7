// Inverted dropout: zero each element with probability p while training and scale the rest by 1/(1 − p).
import { rand } from "../tensor/creation.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

export interface DropoutOptions {
  readonly generator?: Generator;
}

/**
 * Dropout with a seeded mask; the identity in eval mode.
 * @example const drop = new nn.Dropout(0.5, { generator: new Generator(0) }); drop.eval().forward(x); // x
 */
export class Dropout extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  private readonly generator: Generator;

  constructor(
    readonly p: number,
    options: DropoutOptions = {},
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw new RangeError(`Dropout: p must be in [0, 1), got ${p}`);
    this.generator = options.generator ?? defaultGenerator;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const dtype = x.dtype === "float64" ? "float64" : "float32";
    const mask = rand(x.shape, { dtype, generator: this.generator });
    const keep = 1 / (1 - this.p);
    const data = mask.data;
    for (let i = 0; i < data.length; i++) data[i] = data[i]! < this.p ? 0 : keep;
    return x.mul(mask);
  }
}
