// Sequential: modules applied one after another; parameters are named "layers.<index>.<name>".
import { isGradEnabled } from "../autodiff/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { markGraphOnlyActivations } from "./graph-only-activations.js";
import { Module } from "./module.js";

/**
 * A chain of modules: forward(x) = layers[n−1](… layers[0](x)). While gradients are recorded, the
 * activations passed between built-in layers belong to the graph (as PyTorch's saved tensors do):
 * backward() reuses their storage once it releases the graph, so one reached through `.inputs` is
 * not valid after the pass (unless `retainGraph: true`).
 * @example const model = new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
 */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    if (!isGradEnabled()) return this.layers.reduce((value, layer) => layer.forward(value), x);
    const values = [x];
    for (const layer of this.layers) values.push(layer.forward(values[values.length - 1]!));
    const output = values.pop()!;
    markGraphOnlyActivations(this.layers, values, output);
    return output;
  }
}
