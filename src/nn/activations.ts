// Activation functions as modules (no parameters), for Sequential and MLP.
import type { DType } from "../backend/dtype.js";
import type { GeluOptions, SoftplusOptions } from "../ops/activations.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/** What every module's constructor accepts; an activation has no parameters, so both go unused. */
export interface ActivationOptions {
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/**
 * max(x, 0) elementwise.
 * @example new nn.ReLU().forward(tensor([-1, 2])); // [0, 2]
 */
export class ReLU extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** tanh(x) elementwise. */
export class Tanh extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** The logistic function 1 / (1 + e^{−x}) elementwise. */
export class Sigmoid extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/**
 * The Gaussian error linear unit x·Φ(x), or its tanh approximation with `{ approximate: "tanh" }`,
 * as torch.nn.GELU.
 * @example new nn.GELU({ approximate: "tanh" }).forward(tensor([1])); // [0.8412]
 */
export class GELU extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly approximate: NonNullable<GeluOptions["approximate"]>;

  constructor(options: GeluOptions & ActivationOptions = {}) {
    super();
    this.approximate = options.approximate ?? "none";
    if (this.approximate !== "none" && this.approximate !== "tanh")
      throw new RangeError(
        `GELU: approximate must be "none" or "tanh", got ${String(this.approximate)}`,
      );
  }

  forward(x: Tensor): Tensor {
    return x.gelu({ approximate: this.approximate });
  }
}

/** x·σ(x) (swish), as torch.nn.SiLU. @example new nn.SiLU().forward(tensor([1])); // [0.7311] */
export class SiLU extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  constructor(_options: ActivationOptions = {}) {
    super();
  }

  forward(x: Tensor): Tensor {
    return x.silu();
  }
}

/**
 * x for x > 0, negativeSlope·x otherwise, as torch.nn.LeakyReLU.
 * @example new nn.LeakyReLU(0.2).forward(tensor([-1, 2])); // [−0.2, 2]
 */
export class LeakyReLU extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  constructor(
    readonly negativeSlope = 0.01,
    _options: ActivationOptions = {},
  ) {
    super();
    if (!Number.isFinite(negativeSlope))
      throw new RangeError(
        `LeakyReLU: negativeSlope must be a finite number, got ${negativeSlope}`,
      );
  }

  forward(x: Tensor): Tensor {
    return x.leakyRelu(this.negativeSlope);
  }
}

/**
 * log(1 + e^{βx})/β, linear above βx > threshold, as torch.nn.Softplus (β 1, threshold 20).
 * @example new nn.Softplus({ beta: 2 }).forward(tensor([0])); // [0.3466]
 */
export class Softplus extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly beta: number;
  readonly threshold: number;

  constructor(options: SoftplusOptions & ActivationOptions = {}) {
    super();
    this.beta = options.beta ?? 1;
    this.threshold = options.threshold ?? 20;
  }

  forward(x: Tensor): Tensor {
    return x.softplus({ beta: this.beta, threshold: this.threshold });
  }
}

/** The identity (a placeholder layer). */
export class Identity extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  forward(x: Tensor): Tensor {
    return x;
  }
}

export type ActivationName = "relu" | "tanh" | "sigmoid" | "identity";

/** A fresh activation module by name. */
export function activation(name: ActivationName): Module {
  switch (name) {
    case "relu":
      return new ReLU();
    case "tanh":
      return new Tanh();
    case "sigmoid":
      return new Sigmoid();
    case "identity":
      return new Identity();
  }
}
