// Sequential: modules applied one after another; parameters are named "layers.<index>.<name>".
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

/**
 * A chain of modules: forward(x) = layers[n−1](… layers[0](x)).
 * @example const model = new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
 */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    return this.layers.reduce((value, layer) => layer.forward(value), x);
  }
}
