// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay (PyTorch's rule).
import type { FloatArray } from "../backend/dtype.js";
import { activeBackend } from "../backend/registry.js";
import { sgdUpdateInPlace, stateArrayFor } from "../ops/optimizer-updates.js";
import { formatShape } from "../tensor/errors.js";
import type { RowSparseGrad } from "../tensor/row-sparse-grad.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  checkHyperparameter,
  checkOptions,
  checkParameters,
  loadSlots,
  rateAt,
  saveSlots,
  type LearningRate,
  type Optimizer,
  type OptimizerState,
} from "./optimizer.js";

export interface SGDOptions {
  readonly lr: LearningRate;
  /** Heavy-ball coefficient μ (default 0: the lecture's plain update θ ← θ − α∇f). */
  readonly momentum?: number;
  readonly nesterov?: boolean;
  /** L2 penalty λ added to the gradient: g ← g + λθ. */
  readonly weightDecay?: number;
}

/**
 * θ ← θ − α·g with g = ∇f + λθ; with momentum b ← μb + g and g ← b (or g + μb with Nesterov), in
 * one fused pass per parameter, in the parameter's precision (buffers have its dtype).
 * A row-sparse gradient (`.sparseGrad`, from a sparse embedding) updates only its rows when there
 * is neither momentum nor weight decay; otherwise it is made dense first (the same result as dense).
 * @example const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD implements Optimizer {
  readonly parameters: readonly Tensor[];
  stepCount = 0;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;
  /** Momentum buffers in each parameter's dtype. */
  private buffers: (FloatArray | null)[];

  constructor(
    parameters: readonly Tensor[],
    readonly options: SGDOptions,
  ) {
    this.parameters = checkDense("SGD", checkParameters("SGD", parameters));
    checkOptions("SGD", options);
    this.momentum = checkHyperparameter("SGD", "momentum", options.momentum ?? 0, 0);
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = checkHyperparameter("SGD", "weightDecay", options.weightDecay ?? 0, 0);
    if (typeof this.nesterov !== "boolean")
      throw new TypeError(`SGD: nesterov must be true or false, got ${String(this.nesterov)}`);
    if (this.nesterov && this.momentum <= 0) {
      throw new RangeError(`SGD: nesterov needs momentum > 0, got momentum ${this.momentum}`);
    }
    this.buffers = this.parameters.map(() => null);
  }

  get learningRate(): number {
    return rateAt("SGD", this.options.lr, this.stepCount);
  }

  step(): void {
    const lr = this.learningRate;
    const { momentum, nesterov, weightDecay } = this;
    this.parameters.forEach((parameter, index) => {
      const sparse = parameter.sparseGrad;
      if (sparse !== null && momentum === 0 && weightDecay === 0)
        return descendRows(parameter, sparse, lr);
      const dense = parameter.grad ?? sparse?.toDense() ?? null;
      if (dense === null) return;
      // a fresh buffer is zero, so its first update b ← μ·0 + g starts it at g, as PyTorch does
      const buffer = momentum === 0 ? null : (this.buffers[index] ??= stateArrayFor(parameter));
      sgdUpdateInPlace(parameter, dense, buffer, { lr, momentum, nesterov, weightDecay });
    });
    this.stepCount++;
  }

  zeroGrad(): void {
    for (const parameter of this.parameters) parameter.zeroGrad();
  }

  stateDict(): OptimizerState {
    return {
      kind: "SGD",
      stepCount: this.stepCount,
      hyperparameters: {
        momentum: this.momentum,
        nesterov: this.nesterov,
        weightDecay: this.weightDecay,
      },
      slots: { momentum: saveSlots(this.buffers) },
    };
  }

  loadStateDict(state: OptimizerState): void {
    if (state.kind !== "SGD") throw new Error(`SGD.loadStateDict: state is for ${state.kind}`);
    this.buffers = loadSlots("SGD", "momentum", state.slots["momentum"], this.parameters);
    this.stepCount = state.stepCount;
  }
}

/**
 * θ[r] ← θ[r] − α·g[r] for the rows r of a row-sparse gradient only: the rows scaled by −α and added
 * at their indices by the backend's takeAdd (repeated rows one after another, as PyTorch adds an
 * uncoalesced sparse gradient).
 */
function descendRows(parameter: Tensor, sparse: RowSparseGrad, rate: number): void {
  const scaled = sparse.values.mul(-rate).contiguous();
  const data = parameter.data.subarray(parameter.offset, parameter.offset + parameter.size);
  const rows = scaled.data.subarray(scaled.offset, scaled.offset + scaled.size);
  activeBackend().takeAdd(rows, sparse.indices, 1, sparse.shape[0]!, sparse.rowSize, data);
}

/** Throws unless every parameter's storage is dense (the update writes it in place). */
export function checkDense(optimizer: string, parameters: Tensor[]): Tensor[] {
  parameters.forEach((parameter, index) => {
    if (parameter.contiguous() !== parameter) {
      throw new Error(
        `${optimizer}: parameter ${index} (shape ${formatShape(parameter.shape)}) is a strided view; pass contiguous leaves`,
      );
    }
  });
  return parameters;
}
