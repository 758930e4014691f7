// batchNorm (training and eval), layerNorm and groupNorm against PyTorch in float64 (1e-12): values,
// gradients of input, weight and bias, and the running statistics batch_norm updated in place.
import type { Tensor } from "../../src/tensor/tensor.js";
import { batchNorm, groupNorm, layerNorm } from "../../src/ops/index.js";
import { onEveryBackend } from "../support/every-backend.js";
import {
  assertMatches,
  decode,
  fixture,
  type FunctionalCase,
} from "./fixtures/normalization-fixture.js";

/** The op of a case applied to its inputs, updating the given running tensors when training. */
function apply(entry: FunctionalCase, inputs: Record<string, Tensor>, running: Tensor[]): Tensor {
  const { x, weight = null, bias = null } = inputs;
  const affine = { weight, bias, eps: entry.options.eps };
  if (entry.name.startsWith("batchNorm")) {
    const [mean = null, variance = null] = running;
    const { training = false, momentum = 0.1 } = entry.options;
    return batchNorm(x!, mean, variance, { ...affine, training, momentum });
  }
  if (entry.name.startsWith("layerNorm")) return layerNorm(x!, entry.normalizedShape!, affine);
  return groupNorm(x!, entry.numGroups!, affine);
}

for (const entry of fixture.functional) {
  onEveryBackend(
    `${entry.name} matches PyTorch ${fixture.torch}`,
    () => {
      const inputs = Object.fromEntries(
        Object.entries(entry.inputs).map(([name, value]) => [name, decode(value).requiresGrad_()]),
      );
      const running = entry.runningBefore
        ? [decode(entry.runningBefore.mean), decode(entry.runningBefore.var)]
        : [];
      const output = apply(entry, inputs, running);
      assertMatches(output, entry.output, `${entry.name} output`);
      output.mul(decode(entry.upstream)).sum().backward();
      for (const [name, grad] of Object.entries(entry.grads))
        assertMatches(inputs[name]!.grad, grad, `${entry.name} ∂/∂${name}`);
      const after = entry.runningAfter ?? entry.runningBefore;
      if (after !== undefined) {
        assertMatches(running[0]!, after.mean, `${entry.name} running mean`);
        assertMatches(running[1]!, after.var, `${entry.name} running var`);
      }
    },
    ["float64"],
  );
}
