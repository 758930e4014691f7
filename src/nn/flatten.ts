// Flatten and Unflatten as modules (PyTorch's nn.Flatten, nn.Unflatten): merge a run of axes, or split one.
import { flatten, reshape } from "../ops/views.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/**
 * Merges axes `startDim` … `endDim` (inclusive, negative from the end) into one: with the defaults
 * (1, −1) an input [N, C, H, W] becomes [N, C·H·W], as torch.nn.Flatten does.
 * @example new nn.Flatten().forward(zeros([2, 3, 4])).shape; // [2, 12]
 */
export class Flatten extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

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

/**
 * Splits axis `dim` into `sizes` (their product must be its extent), as torch.nn.Unflatten does: rows of
 * 784 pixels become [N, 1, 28, 28] images for a convolution.
 * @example new nn.Unflatten(1, [1, 28, 28]).forward(zeros([2, 784])).shape; // [2, 1, 28, 28]
 */
export class Unflatten extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly sizes: readonly number[];

  constructor(
    readonly dim: number,
    sizes: readonly number[],
  ) {
    super();
    if (!Number.isInteger(dim))
      throw new RangeError(`Unflatten: dim must be an integer, got ${dim}`);
    if (
      !Array.isArray(sizes) ||
      sizes.length === 0 ||
      !sizes.every((n) => Number.isInteger(n) && n > 0)
    )
      throw new RangeError(`Unflatten: sizes must be positive integers, got ${String(sizes)}`);
    this.sizes = [...sizes];
  }

  forward(x: Tensor): Tensor {
    const axis = normalizeAxis("Unflatten", this.dim, x.rank);
    const product = this.sizes.reduce((total, n) => total * n, 1);
    if (x.shape[axis] !== product) {
      throw new ShapeError(
        `Unflatten: axis ${this.dim} of ${formatShape(x.shape)} has ${x.shape[axis]} elements, sizes ${formatShape(this.sizes)} hold ${product}`,
      );
    }
    return reshape(x, [...x.shape.slice(0, axis), ...this.sizes, ...x.shape.slice(axis + 1)]);
  }
}
