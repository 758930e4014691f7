// Flatten as a module (PyTorch's nn.Flatten): merges axes startDim … endDim, keeping the batch axis by default.
import { flatten } from "../ops/views.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/**
 * Merges axes `startDim` … `endDim` (inclusive, negative from the end) into one: with the defaults
 * (1, −1) an input [N, C, H, W] becomes [N, C·H·W], as torch.nn.Flatten does.
 * @example new nn.Flatten().forward(zeros([2, 3, 4])).shape; // [2, 12]
 */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
    for (const [name, value] of [
      ["startDim", startDim],
      ["endDim", endDim],
    ] as const) {
      if (!Number.isInteger(value))
        throw new RangeError(`Flatten: ${name} must be an integer, got ${value}`);
    }
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}
