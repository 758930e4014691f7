// Adam (L2 weight decay in the gradient) and AdamW (decoupled weight decay), with bias correction.
import type { Tensor } from "../tensor/tensor.js";
import {
  checkParameters,
  loadSlots,
  rateAt,
  saveSlots,
  valuesOf,
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
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 * The first step moves every parameter by ≈ α against the sign of its gradient.
 * @example const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam implements Optimizer {
  readonly parameters: readonly Tensor[];
  stepCount = 0;
  protected readonly kind: string = "Adam";
  protected readonly decoupled: boolean = false;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private first: (Float64Array | null)[];
  private second: (Float64Array | null)[];

  constructor(
    parameters: readonly Tensor[],
    readonly options: AdamOptions,
    defaultWeightDecay = 0,
  ) {
    this.parameters = checkDense("Adam", checkParameters("Adam", parameters));
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? defaultWeightDecay;
    for (const beta of [this.beta1, this.beta2]) {
      if (!(beta >= 0 && beta < 1))
        throw new RangeError(`Adam: betas must be in [0, 1), got ${beta}`);
    }
    this.first = this.parameters.map(() => null);
    this.second = this.parameters.map(() => null);
  }

  get learningRate(): number {
    return rateAt(this.kind, this.options.lr, this.stepCount);
  }

  step(): void {
    const rate = this.learningRate;
    const t = this.stepCount + 1;
    const { beta1, beta2, eps, weightDecay, decoupled } = this;
    const correction1 = 1 - beta1 ** t;
    const correction2 = 1 - beta2 ** t;
    this.parameters.forEach((parameter, index) => {
      if (parameter.sparseGrad !== null) {
        throw new Error(
          `${this.kind}: parameter ${index} has a row-sparse gradient (nn.Embedding with sparse: true); update it with optim.SparseAdam, as in PyTorch`,
        );
      }
      if (parameter.grad === null) return;
      const gradient = valuesOf(parameter.grad);
      const first = (this.first[index] ??= new Float64Array(parameter.size));
      const second = (this.second[index] ??= new Float64Array(parameter.size));
      const values = parameter.data;
      const base = parameter.offset;
      for (let i = 0; i < parameter.size; i++) {
        const theta = values[base + i]!;
        const g = decoupled ? gradient[i]! : gradient[i]! + weightDecay * theta;
        const m = (first[i] = beta1 * first[i]! + (1 - beta1) * g);
        const v = (second[i] = beta2 * second[i]! + (1 - beta2) * g * g);
        const decayed = decoupled ? theta * (1 - rate * weightDecay) : theta;
        values[base + i] =
          decayed - (rate * (m / correction1)) / (Math.sqrt(v / correction2) + eps);
      }
    });
    this.stepCount = t;
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
      slots: { first: saveSlots(this.first), second: saveSlots(this.second) },
    };
  }

  loadStateDict(state: OptimizerState): void {
    if (state.kind !== this.kind)
      throw new Error(`${this.kind}.loadStateDict: state is for ${state.kind}`);
    this.first = loadSlots(this.kind, "first", state.slots["first"], this.parameters);
    this.second = loadSlots(this.kind, "second", state.slots["second"], this.parameters);
    this.stepCount = state.stepCount;
  }
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter): θ ← θ(1 − αλ) before the Adam step; λ = 0.01 by default.
 * @example const optimizer = new optim.AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  protected override readonly kind: string = "AdamW";
  protected override readonly decoupled: boolean = true;

  constructor(parameters: readonly Tensor[], options: AdamOptions) {
    super(parameters, options, 0.01);
  }
}
