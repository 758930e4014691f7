// Adam (L2 weight decay in the gradient) and AdamW (decoupled weight decay), with bias correction.
import type { FloatArray } from "../backend/dtype.js";
import { adamUpdateInPlace, stateArrayFor } from "../ops/optimizer-updates.js";
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
import { checkDense } from "./sgd.js";

export interface AdamOptions {
  readonly lr: LearningRate;
  /** Decay rates of the first and second moment averages (default [0.9, 0.999]). */
  readonly betas?: readonly [number, number];
  readonly eps?: number;
  /** Adam: L2 penalty added to the gradient; AdamW: decoupled decay θ ← θ − αλθ (default 0 / 0.01). */
  readonly weightDecay?: number;
}

/**
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ),
 * in one fused pass per parameter, in the parameter's precision with PyTorch's order of operations
 * (θ ← θ − (α/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε)); the moments have the parameter's dtype.
 * The first step moves every parameter by ≈ α against the sign of its gradient. As in PyTorch, t counts
 * each parameter's own updates: a parameter without a gradient at some steps is not bias-corrected as
 * if it had been updated then (the learning-rate schedule still follows the optimizer's stepCount).
 * @example const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam implements Optimizer {
  readonly parameters: readonly Tensor[];
  stepCount = 0;
  protected readonly kind: string;
  protected readonly decoupled: boolean = false;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  /** The moments m and v, in each parameter's dtype (as PyTorch keeps them). */
  private first: (FloatArray | null)[];
  private second: (FloatArray | null)[];
  /** Updates applied to each parameter (PyTorch's per-parameter `step`). */
  private steps: number[];

  constructor(
    parameters: readonly Tensor[],
    readonly options: AdamOptions,
    defaultWeightDecay = 0,
    /** The name in messages and saved states ("AdamW" for the subclass). */
    kind = "Adam",
  ) {
    this.kind = kind;
    this.parameters = checkDense(this.kind, checkParameters(this.kind, parameters));
    checkOptions(this.kind, options);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2)
      throw new TypeError(`${this.kind}: betas must be a pair [β₁, β₂], got ${String(betas)}`);
    this.beta1 = checkHyperparameter(this.kind, "betas[0]", betas[0], 0, 1);
    this.beta2 = checkHyperparameter(this.kind, "betas[1]", betas[1], 0, 1);
    this.eps = checkHyperparameter(this.kind, "eps", options.eps ?? 1e-8, 0);
    const decay = options.weightDecay ?? defaultWeightDecay;
    this.weightDecay = checkHyperparameter(this.kind, "weightDecay", decay, 0);
    this.first = this.parameters.map(() => null);
    this.second = this.parameters.map(() => null);
    this.steps = this.parameters.map(() => 0);
  }

  get learningRate(): number {
    return rateAt(this.kind, this.options.lr, this.stepCount);
  }

  step(): void {
    const lr = this.learningRate;
    const { beta1, beta2, eps, weightDecay, decoupled } = this;
    this.parameters.forEach((parameter, index) => {
      if (parameter.sparseGrad !== null) {
        throw new Error(
          `${this.kind}: parameter ${index} has a row-sparse gradient (nn.Embedding with sparse: true); update it with optim.SparseAdam, as in PyTorch`,
        );
      }
      if (parameter.grad === null) return;
      const t = ++this.steps[index]!;
      const first = (this.first[index] ??= stateArrayFor(parameter));
      const second = (this.second[index] ??= stateArrayFor(parameter));
      adamUpdateInPlace(parameter, parameter.grad, first, second, {
        lr,
        beta1,
        beta2,
        eps,
        weightDecay,
        decoupled,
        correction1: 1 - beta1 ** t,
        correction2: 1 - beta2 ** t,
      });
    });
    this.stepCount++;
  }

  zeroGrad(): void {
    for (const parameter of this.parameters) parameter.zeroGrad();
  }

  stateDict(): OptimizerState {
    return {
      kind: this.kind,
      stepCount: this.stepCount,
      hyperparameters: {
        beta1: this.beta1,
        beta2: this.beta2,
        eps: this.eps,
        weightDecay: this.weightDecay,
      },
      slots: {
        first: saveSlots(this.first),
        second: saveSlots(this.second),
        step: this.steps.map((count) => (count === 0 ? null : [count])),
      },
    };
  }

  loadStateDict(state: OptimizerState): void {
    if (state.kind !== this.kind)
      throw new Error(`${this.kind}.loadStateDict: state is for ${state.kind}`);
    this.first = loadSlots(this.kind, "first", state.slots["first"], this.parameters);
    this.second = loadSlots(this.kind, "second", state.slots["second"], this.parameters);
    // states saved before per-parameter steps: every parameter with moments took every step
    const steps =
      state.slots["step"] ?? this.first.map((m) => (m === null ? null : [state.stepCount]));
    if (steps.length !== this.parameters.length)
      throw new Error(
        `${this.kind}.loadStateDict: slot "step" has ${steps.length} entries, expected ${this.parameters.length}`,
      );
    this.steps = steps.map((count) => count?.[0] ?? 0);
    this.stepCount = state.stepCount;
  }
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter): θ ← θ(1 − αλ) before the Adam step; λ = 0.01 by default.
 * @example const optimizer = new optim.AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(parameters: readonly Tensor[], options: AdamOptions) {
    super(parameters, options, 0.01, "AdamW");
  }
}
