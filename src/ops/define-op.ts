// Declaring a primitive op: its forward (kernels) and its backward (vector-Jacobian product in tensor ops).
import { isGradEnabled } from "../autodiff/index.js";
import { activeBackend } from "../backend/registry.js";
import type { Backend } from "../backend/backend.js";
import { checkFinite, isAnomalyDetectionEnabled } from "../tensor/anomaly.js";
import type { RowSparseGrad } from "../tensor/row-sparse-grad.js";
import type { OpRecord, Tensor } from "../tensor/tensor.js";

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
    | ((
        outputGrad: Tensor,
        context: OpContext<Inputs, Params>,
      ) => readonly (Tensor | RowSparseGrad | null)[])
    | "none";
  /**
   * Called when backward() frees the graph (never while it may run again): buffers the forward kept
   * for the backward and never handed out may then be recycled.
   */
  readonly release?: (context: OpContext<Inputs, Params>) => void;
}

/** A primitive op: runs the forward and, when grad mode is on and an input requires grad, records the vertex. */
export type Op<Inputs extends readonly Tensor[], Params> = (
  inputs: Inputs,
  params: Params,
) => Tensor;

/** Whether any input requires gradients (a loop: no closure per op call). */
function anyRequiresGrad(inputs: readonly Tensor[]): boolean {
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requiresGrad) return true;
  return false;
}

/** The record of one recorded op call: its rule bound to its context (one object, no closure). */
class RecordedOp<Inputs extends readonly Tensor[], Params> implements OpRecord {
  constructor(
    readonly name: string,
    private readonly rule: NonNullable<Exclude<OpDefinition<Inputs, Params>["backward"], "none">>,
    private readonly context: OpContext<Inputs, Params>,
    private readonly releaseRule?: OpDefinition<Inputs, Params>["release"],
  ) {}

  release(): void {
    this.releaseRule?.(this.context);
  }

  backward(outputGrad: Tensor): readonly (Tensor | RowSparseGrad | null)[] {
    return this.rule(outputGrad, this.context);
  }
}

export function defineOp<Inputs extends readonly Tensor[], Params = undefined>(
  definition: OpDefinition<Inputs, Params>,
): Op<Inputs, Params> {
  const { name, forward, backward, release } = definition;
  return (inputs, params) => {
    const output = forward(inputs, params, activeBackend());
    if (isAnomalyDetectionEnabled()) checkFinite(output, name);
    if (backward === "none" || !isGradEnabled() || !anyRequiresGrad(inputs)) return output;
    output.requiresGrad = true;
    output.inputs = inputs;
    output.op = new RecordedOp(name, backward, { inputs, output, params }, release);
    return output;
  };
}
