// The live training run: the lecture's GD / SGD / mini-batch SGD, one update per call, with the §6 monitor.
import { data, Generator, noGrad, optim, type Tensor } from "gradus";
import type { ToyProblem } from "./toy-problem";

export type MethodName = "gd" | "sgd" | "miniBatchSgd";

/** One failed descent check of ConvergenceMonitor, numbered by the run's own step count. */
export interface DescentWarning {
  readonly step: number;
  readonly kind: "increase" | "insufficientDecrease";
  readonly before: number;
  readonly after: number;
  readonly required: number;
}

function* endless(loader: data.DataLoader): IterableIterator<Tensor[]> {
  for (;;) yield* loader;
}

/**
 * θ_{k+1} = θ_k − α∇f_batch(θ_k) with the method's batching; records the full-batch loss f(θ_k) after
 * every step and, under full GD, checks f(θ_k) − f(θ_{k+1}) ≥ (α/2)‖∇f(θ_k)‖².
 */
export class Trainer {
  /** f(θ_0), f(θ_1), …: the full-batch loss after each step. */
  readonly losses: number[];
  readonly warnings: DescentWarning[] = [];
  private optimizer: optim.SGD;
  private monitor: optim.convergence.ConvergenceMonitor | null = null;
  private monitorStart = 0;
  private seen = 0;
  private readonly batches: Iterator<Tensor[]>;

  constructor(
    readonly problem: ToyProblem,
    readonly method: MethodName,
    private learningRate: number,
    batchSize: number,
    seed: number,
  ) {
    const loader = new data.DataLoader(new data.TensorDataset(problem.x, problem.y), {
      ...optim.lectureBatching(method, batchSize),
      generator: new Generator(seed + 2),
    });
    this.batches = endless(loader);
    this.optimizer = optim.lectureMethod(method, problem.parameters, {
      lr: learningRate,
    }).optimizer;
    this.losses = [noGrad(() => problem.fullLoss()).item()];
    this.restartMonitor();
  }

  get steps(): number {
    return this.losses.length - 1;
  }

  get loss(): number {
    return this.losses[this.losses.length - 1]!;
  }

  get lr(): number {
    return this.learningRate;
  }

  /** A new α from the next step on (θ is kept; the monitor starts again, since it checks one α). */
  setLearningRate(lr: number): void {
    this.learningRate = lr;
    this.optimizer = optim.lectureMethod(this.method, this.problem.parameters, { lr }).optimizer;
    this.restartMonitor();
  }

  /** One update; false (and no update) once the loss is no longer finite. */
  step(): boolean {
    if (!Number.isFinite(this.loss)) return false;
    const [x, y] = this.batches.next().value as [Tensor, Tensor];
    this.optimizer.zeroGrad();
    const loss = this.problem.loss(x, y);
    loss.backward();
    if (this.monitor !== null) {
      this.monitor.observe(loss, this.problem.parameters);
      this.collectWarnings();
    }
    this.optimizer.step();
    this.losses.push(noGrad(() => this.problem.fullLoss()).item());
    return true;
  }

  private restartMonitor(): void {
    this.monitor =
      this.method === "gd"
        ? new optim.convergence.ConvergenceMonitor({ lr: this.learningRate, tolerance: 1e-10 })
        : null;
    this.monitorStart = this.steps;
    this.seen = 0;
  }

  private collectWarnings(): void {
    const found = this.monitor?.violations ?? [];
    for (const violation of found.slice(this.seen)) {
      this.warnings.push({ ...violation, step: violation.step + this.monitorStart });
    }
    this.seen = found.length;
  }
}
