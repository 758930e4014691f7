// Activation functions as modules (no parameters), for Sequential and MLP.
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/**
 * max(x, 0) elementwise.
 * @example new nn.ReLU().forward(tensor([-1, 2])); // [0, 2]
 */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** tanh(x) elementwise. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** The logistic function 1 / (1 + e^{−x}) elementwise. */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** The identity (a placeholder layer). */
export class Identity extends Module {
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
