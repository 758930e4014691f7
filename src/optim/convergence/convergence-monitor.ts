// Checking the lecture's descent inequalities (§6) along a full-batch gradient-descent run.
import type { Tensor } from "../../tensor/tensor.js";
import { gradNorm } from "../clip-grad-norm.js";

/** A step k → k+1 where f rose, or fell by less than (α/2)‖∇f(θ_k)‖². */
export interface Violation {
  readonly step: number;
  readonly kind: "increase" | "insufficientDecrease";
  readonly before: number;
  readonly after: number;
  /** The decrease the lecture guarantees for αL < 1: (α/2)‖∇f(θ_k)‖². */
  readonly required: number;
}

export interface ConvergenceReport {
  /** T: the number of completed steps (records − 1). */
  readonly steps: number;
  readonly losses: readonly number[];
  readonly gradNormsSquared: readonly number[];
  readonly violations: readonly Violation[];
  /** True when f never increased. */
  readonly monotone: boolean;
  /** Σ_{k<T} ‖∇f(θ_k)‖². */
  readonly sumGradNormSquared: number;
  /** (2/α)(f(θ₀) − f_T). */
  readonly bound: number;
  readonly summedInequalityHolds: boolean;
}

/**
 * Records f(θ_k) and ‖∇f(θ_k)‖² at every step k and checks f(θ_k) − f(θ_{k+1}) ≥ (α/2)‖∇f(θ_k)‖²
 * and Σ_{k<T}‖∇f(θ_k)‖² ≤ (2/α)(f(θ₀) − f_T), up to a rounding tolerance.
 * @example const monitor = new optim.convergence.ConvergenceMonitor({ lr: alpha }); loss.backward(); monitor.observe(loss, params); optimizer.step();
 */
export class ConvergenceMonitor {
  readonly lr: number;
  private readonly tolerance: number;
  private readonly losses: number[] = [];
  private readonly gradNormsSquared: number[] = [];
  private readonly found: Violation[] = [];

  constructor(options: { lr: number; tolerance?: number }) {
    if (!(options.lr > 0))
      throw new RangeError(`ConvergenceMonitor: lr must be > 0, got ${options.lr}`);
    this.lr = options.lr;
    this.tolerance = options.tolerance ?? 1e-12;
  }

  /** Records f(θ_k) and ‖∇f(θ_k)‖² for the next k, checking the step from k − 1. */
  record(loss: number, gradNormSquared: number): void {
    const k = this.losses.length;
    const before = this.losses[k - 1];
    if (before !== undefined) {
      const required = (this.lr / 2) * this.gradNormsSquared[k - 1]!;
      const slack = this.tolerance * Math.max(1, Math.abs(before));
      if (loss > before + slack)
        this.found.push({ step: k - 1, kind: "increase", before, after: loss, required });
      else if (before - loss < required - slack) {
        this.found.push({
          step: k - 1,
          kind: "insufficientDecrease",
          before,
          after: loss,
          required,
        });
      }
    }
    this.losses.push(loss);
    this.gradNormsSquared.push(gradNormSquared);
  }

  /** Records the loss value and the parameters' current .grad (call after backward, before step). */
  observe(loss: Tensor, parameters: readonly Tensor[]): void {
    this.record(loss.item(), gradNorm(parameters) ** 2);
  }

  get violations(): readonly Violation[] {
    return this.found;
  }

  report(): ConvergenceReport {
    const steps = Math.max(0, this.losses.length - 1);
    let sumGradNormSquared = 0;
    for (let k = 0; k < steps; k++) sumGradNormSquared += this.gradNormsSquared[k]!;
    const first = this.losses[0] ?? 0;
    const last = this.losses[steps] ?? 0;
    const bound = (2 / this.lr) * (first - last);
    const slack =
      (2 / this.lr) * this.tolerance * Math.max(1, Math.abs(first)) * Math.max(1, steps);
    return {
      steps,
      losses: [...this.losses],
      gradNormsSquared: [...this.gradNormsSquared],
      violations: [...this.found],
      monotone: this.found.every((violation) => violation.kind !== "increase"),
      sumGradNormSquared,
      bound,
      summedInequalityHolds: sumGradNormSquared <= bound + slack,
    };
  }
}
