// customOp: the lecture's "add new modules": a user-defined op with its own vector-Jacobian product.
import { withGradMode } from "../autodiff/index.js";
import { outsideRecording } from "../backend/storage-pool.js";
import { defineOp } from "../ops/define-op.js";
import { Tensor } from "../tensor/tensor.js";
import { viewOf } from "./trace.js";

/** What a custom op's backward sees: the inputs and the forward result (the primal). */
export interface CustomOpContext {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
}

export interface CustomOpDefinition {
  /** Named in shape errors and by anomaly mode. */
  readonly name: string;
  /** The output from the inputs, with tensor ops or raw arrays; its inner ops are not recorded. */
  readonly forward: (...inputs: Tensor[]) => Tensor;
  /**
   * One gradient per input (null where none flows), of the input's shape or broadcastable to it.
   * Written with tensor ops, it is differentiable again (grad(grad(op)) works).
   */
  readonly backward: (outputGrad: Tensor, context: CustomOpContext) => readonly (Tensor | null)[];
}

/**
 * A new op that records one vertex and works in `backward()` and in every transform.
 * @example
 * const cube = customOp({ name: "cube", forward: (x) => x.mul(x).mul(x),
 *   backward: (g, { inputs: [x] }) => [g.mul(x!.mul(x!).mul(3))] });
 */
export function customOp(definition: CustomOpDefinition): (...inputs: Tensor[]) => Tensor {
  const { name } = definition;
  const op = defineOp<Tensor[]>({
    name,
    forward: (inputs) => {
      const output = withGradMode(false, () => definition.forward(...inputs));
      if (!(output instanceof Tensor)) {
        throw new TypeError(`customOp ${name}: forward must return a Tensor, got ${typeof output}`);
      }
      // A fresh vertex: forward may have returned one of its inputs.
      return viewOf(output);
    },
    backward: (outputGrad, { inputs, output }) => {
      // user code may keep what it is given or creates: none of it is reused after backward()
      const gradients = outsideRecording([outputGrad.data.buffer], () =>
        definition.backward(outputGrad, { inputs, output }),
      );
      if (!Array.isArray(gradients) || gradients.length !== inputs.length) {
        const count = Array.isArray(gradients) ? gradients.length : typeof gradients;
        throw new TypeError(
          `customOp ${name}: backward returned ${count} gradients for ${inputs.length} inputs`,
        );
      }
      return gradients;
    },
  });
  return (...inputs) => {
    inputs.forEach((input, position) => {
      if (!(input instanceof Tensor)) {
        throw new TypeError(
          `customOp ${name}: input ${position} must be a Tensor, got ${typeof input}`,
        );
      }
    });
    return op(inputs, undefined);
  };
}
