// Sequential: modules applied one after another; parameters are named "layers.<index>.<name>".
import { isGradEnabled } from "../autodiff/index.js";
import { linearRelu } from "../ops/linear-relu.js";
import type { Tensor } from "../tensor/tensor.js";
import { ReLU } from "./activations.js";
import { markGraphOnlyActivations } from "./graph-only-activations.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";

/**
 * A chain of modules: forward(x) = layers[n−1](… layers[0](x)). While gradients are recorded, the
 * activations passed between built-in layers belong to the graph (as PyTorch's saved tensors do):
 * backward() reuses their storage once it releases the graph, so one reached through `.inputs` is
 * not valid after the pass (unless `retainGraph: true`). A built-in Linear followed by a built-in ReLU
 * runs as one primitive (relu(x·Wᵀ + b), the pre-activation never stored), with the same values and
 * gradients.
 * @example const model = new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
 */
export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    const { layers } = this;
    // values[i] is layers[i]'s input; a fused Linear–ReLU pair stands for its hidden middle with its output
    const values = [x];
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      const input = values[values.length - 1]!;
      if (fusesWithNext(layer, layers[i + 1])) {
        const output = linearRelu(input, layer.weight, layer.bias);
        values.push(output, output);
        i++;
      } else values.push(layer.forward(input));
    }
    const output = values.pop()!;
    if (isGradEnabled()) markGraphOnlyActivations(layers, values, output);
    return output;
  }
}

/** Whether `layer` and `next` are exactly a built-in Linear and ReLU (subclasses may differ). */
function fusesWithNext(layer: Module, next: Module | undefined): layer is Linear {
  return layer.constructor === Linear && next?.constructor === ReLU;
}
