// Pooling layers (MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool2d): no parameters.
import { adaptiveAvgPool2d } from "../ops/conv/adaptive-pool.js";
import type { Pair } from "../ops/conv/conv.js";
import {
  avgPool1d,
  avgPool2d,
  maxPool1d,
  maxPool2d,
  type AvgPool1dOptions,
  type AvgPool2dOptions,
  type MaxPool1dOptions,
  type MaxPool2dOptions,
} from "../ops/conv/pool.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/**
 * 2-D max pooling; stride defaults to the kernel size.
 * @example new nn.MaxPool2d(2).forward(randn([1, 3, 8, 8])).shape; // [1, 3, 4, 4]
 */
export class MaxPool2d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly options: MaxPool2dOptions;

  constructor(kernelSize: Pair, options: Omit<MaxPool2dOptions, "kernelSize"> = {}) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.options);
  }
}

/** 1-D max pooling; stride defaults to the kernel size. */
export class MaxPool1d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly options: MaxPool1dOptions;

  constructor(kernelSize: number, options: Omit<MaxPool1dOptions, "kernelSize"> = {}) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.options);
  }
}

/**
 * 2-D average pooling; stride defaults to the kernel size.
 * @example new nn.AvgPool2d(2).forward(ones([1, 1, 4, 4])).sum().item(); // 4
 */
export class AvgPool2d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly options: AvgPool2dOptions;

  constructor(kernelSize: Pair, options: Omit<AvgPool2dOptions, "kernelSize"> = {}) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.options);
  }
}

/** 1-D average pooling; stride defaults to the kernel size. */
export class AvgPool1d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly options: AvgPool1dOptions;

  constructor(kernelSize: number, options: Omit<AvgPool1dOptions, "kernelSize"> = {}) {
    super();
    this.options = { ...options, kernelSize };
  }

  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.options);
  }
}

/**
 * Average pooling to a fixed output size (e.g. 1: global average pooling).
 * @example new nn.AdaptiveAvgPool2d(1).forward(randn([2, 16, 7, 7])).shape; // [2, 16, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  constructor(readonly outputSize: number | readonly [number | null, number | null]) {
    super();
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }
}
