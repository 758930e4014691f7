// Declaring a primitive op: its forward (kernels) and its backward (vector-Jacobian product in tensor ops).
import { isGradEnabled } from "../autodiff/index.js";
import { activeBackend } from "../backend/registry.js";
import type { Backend } from "../backend/backend.js";
import { checkFinite, isAnomalyDetectionEnabled } from "../tensor/anomaly.js";
import type { Tensor } from "../tensor/tensor.js";

/** What a backward rule sees: the op's inputs, its output (the primal) and its parameters. */
export interface OpContext<Inputs extends readonly Tensor[], Params> {
  readonly inputs: Inputs;
  readonly output: Tensor;
  readonly params: Params;
}

export interface OpDefinition<Inputs extends readonly Tensor[], Params> {
  readonly name: string;
  readonly forward: (inputs: Inputs, params: Params, backend: Backend) => Tensor;
  /** One gradient per input, written with tensor ops (so it is differentiable again); "none" if not differentiable. */
  readonly backward:
    | ((outputGrad: Tensor, context: OpContext<Inputs, Params>) => readonly (Tensor | null)[])
    | "none";
}

/** A primitive op: runs the forward and, when grad mode is on and an input requires grad, records the vertex. */
export type Op<Inputs extends readonly Tensor[], Params> = (
  inputs: Inputs,
  params: Params,
) => Tensor;

export function defineOp<Inputs extends readonly Tensor[], Params = undefined>(
  definition: OpDefinition<Inputs, Params>,
): Op<Inputs, Params> {
  const { name, forward, backward } = definition;
  return (inputs, params) => {
    const output = forward(inputs, params, activeBackend());
    if (isAnomalyDetectionEnabled()) checkFinite(output, name);
    if (backward === "none" || !isGradEnabled() || !inputs.some((input) => input.requiresGrad)) {
      return output;
    }
    const context: OpContext<Inputs, Params> = { inputs, output, params };
    output.requiresGrad = true;
    output.inputs = inputs;
    output.op = { name, backward: (outputGrad) => backward(outputGrad, context) };
    return output;
  };
}
