// Hessian-vector products of a loss closure at the current parameters, by differentiating ∇f·v (Pearlmutter).
import { noGrad } from "../../autodiff/index.js";
import { zerosLike } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";

/** A loss over the current parameter values: a one-element tensor built from the parameters. */
export type Objective = () => Tensor;

/** Runs `fn` with every parameter's .grad cleared, restoring the previous gradients afterwards. */
function withCleanGradients<T>(parameters: readonly Tensor[], fn: () => T): T {
  const saved = parameters.map((parameter) => parameter.grad);
  parameters.forEach((parameter) => parameter.zeroGrad());
  try {
    return fn();
  } finally {
    parameters.forEach((parameter, i) => (parameter.grad = saved[i]!));
  }
}

/**
 * The loss and its gradient at the current parameters (one per parameter, zeros where none flows),
 * leaving the parameters' .grad as it was.
 * @example const [loss, gradients] = optim.convergence.lossAndGradient(() => lossOf(model), model.parameters());
 */
export function lossAndGradient(
  objective: Objective,
  parameters: readonly Tensor[],
): [number, Tensor[]] {
  return withCleanGradients(parameters, () => {
    const loss = objective();
    loss.backward();
    return [loss.item(), parameters.map((parameter) => parameter.grad ?? zerosLike(parameter))];
  });
}

/**
 * ∇²f(θ)·v for the parameter list θ and a direction v (one tensor per parameter): the gradient of
 * ∇f(θ)·v, computed by a second backward pass through the recorded first one.
 * @example const [hv] = optim.convergence.hessianVectorProduct(() => f(w), [w], [v]);
 */
export function hessianVectorProduct(
  objective: Objective,
  parameters: readonly Tensor[],
  direction: readonly Tensor[],
): Tensor[] {
  return withCleanGradients(parameters, () => {
    objective().backward(undefined, { createGraph: true });
    const gradients = parameters.map((parameter) => parameter.grad);
    parameters.forEach((parameter) => parameter.zeroGrad());
    let inner: Tensor | null = null;
    gradients.forEach((gradient, i) => {
      if (gradient === null || !gradient.requiresGrad) return;
      const term = gradient.mul(direction[i]!.detach()).sum();
      inner = inner === null ? term : inner.add(term);
    });
    if (inner !== null) (inner as Tensor).backward();
    return noGrad(() =>
      parameters.map((parameter) => parameter.grad?.detach() ?? zerosLike(parameter)),
    );
  });
}

/** Σᵢ ⟨aᵢ, bᵢ⟩ over lists of tensors, in float64. */
export function dot(a: readonly Tensor[], b: readonly Tensor[]): number {
  let total = 0;
  a.forEach((tensor, i) => {
    const left = tensor.dataSync();
    const right = b[i]!.dataSync();
    for (let j = 0; j < left.length; j++) total += left[j]! * right[j]!;
  });
  return total;
}
