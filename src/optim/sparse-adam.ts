// SparseAdam: PyTorch's lazy Adam for row-sparse gradients: moments and parameters change only in
// the rows a step's gradient touches (embedding tables of large vocabularies).
import type { FloatArray } from "../backend/dtype.js";
import { sparseAdamUpdateInPlace, stateArrayFor } from "../ops/optimizer-updates.js";
import type { Tensor } from "../tensor/tensor.js";
import type { AdamOptions } from "./adam.js";
import {
  checkParameters,
  loadSlots,
  rateAt,
  saveSlots,
  type Optimizer,
  type OptimizerState,
} from "./optimizer.js";
import { checkDense } from "./sgd.js";

/**
 * For each row r of a row-sparse gradient g (repeats summed): m_r ← m_r + (g_r − m_r)(1 − β₁),
 * v_r ← v_r + (g_r² − v_r)(1 − β₂), θ_r ← θ_r − α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m_r/(√v_r + ε), t counting
 * the parameter's own steps (PyTorch's torch.optim.SparseAdam, which takes no weight decay): one
 * backend kernel per table, in the parameter's precision and PyTorch's order of operations. Dense
 * gradients are refused, as in PyTorch.
 * @example const optimizer = new optim.SparseAdam(embedding.parameters(), { lr: 0.01 });
 */
export class SparseAdam implements Optimizer {
  readonly parameters: readonly Tensor[];
  stepCount = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private first: (FloatArray | null)[];
  private second: (FloatArray | null)[];
  /** Each parameter's own step count t. */
  private steps: number[];

  constructor(
    parameters: readonly Tensor[],
    readonly options: Omit<AdamOptions, "weightDecay">,
  ) {
    this.parameters = checkDense("SparseAdam", checkParameters("SparseAdam", parameters));
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    for (const beta of [this.beta1, this.beta2]) {
      if (!(beta >= 0 && beta < 1))
        throw new RangeError(`SparseAdam: betas must be in [0, 1), got ${beta}`);
    }
    this.first = this.parameters.map(() => null);
    this.second = this.parameters.map(() => null);
    this.steps = this.parameters.map(() => 0);
  }

  get learningRate(): number {
    return rateAt("SparseAdam", this.options.lr, this.stepCount);
  }

  step(): void {
    const rate = this.learningRate;
    const { beta1, beta2, eps } = this;
    this.parameters.forEach((parameter, index) => {
      if (parameter.grad !== null) {
        throw new Error(
          `SparseAdam: parameter ${index} has a dense gradient; SparseAdam takes row-sparse ones (nn.Embedding with sparse: true), use optim.Adam for dense ones`,
        );
      }
      if (parameter.sparseGrad === null) return;
      const t = ++this.steps[index]!;
      const stepSize = (rate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
      const coalesced = parameter.sparseGrad.coalesce();
      const first = (this.first[index] ??= stateArrayFor(parameter));
      const second = (this.second[index] ??= stateArrayFor(parameter));
      const rows = coalesced.rowValues() as FloatArray;
      sparseAdamUpdateInPlace(
        parameter,
        coalesced.indices,
        rows,
        coalesced.rowSize,
        first,
        second,
        {
          stepSize,
          beta1,
          beta2,
          eps,
        },
      );
    });
    this.stepCount++;
  }

  zeroGrad(): void {
    for (const parameter of this.parameters) parameter.zeroGrad();
  }

  stateDict(): OptimizerState {
    return {
      kind: "SparseAdam",
      stepCount: this.stepCount,
      hyperparameters: { beta1: this.beta1, beta2: this.beta2, eps: this.eps },
      slots: {
        first: saveSlots(this.first),
        second: saveSlots(this.second),
        steps: this.steps.map((t) => [t]),
      },
    };
  }

  loadStateDict(state: OptimizerState): void {
    if (state.kind !== "SparseAdam")
      throw new Error(`SparseAdam.loadStateDict: state is for ${state.kind}`);
    this.first = loadSlots("SparseAdam", "first", state.slots["first"], this.parameters);
    this.second = loadSlots("SparseAdam", "second", state.slots["second"], this.parameters);
    const steps = state.slots["steps"];
    if (steps === undefined || steps.length !== this.parameters.length)
      throw new Error(`SparseAdam.loadStateDict: slot "steps" needs one entry per parameter`);
    this.steps = steps.map((entry) => entry?.[0] ?? 0);
    this.stepCount = state.stepCount;
  }
}
