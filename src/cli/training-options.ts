// Flag parsing shared by `gradus train` and `gradus demo`: models, optimizers, learning rate, batches, epochs.
import { Generator, optim } from "../node.js";
import type { nn, Tensor } from "../node.js";
import { MODEL_KINDS, type ModelKind } from "./model-config.js";
import { parseInteger } from "./point-option.js";

export type OptimizerName = "sgd" | "adam";

/** Resolved training settings (what a checkpoint records, so a resume can check them). */
export interface TrainingSettings {
  readonly optimizer: OptimizerName;
  readonly lr: number | "auto";
  readonly batchSize: number | "full";
  readonly epochs: number;
  readonly seed: number;
}

/** `--model`: one of logreg, softmax, mlp. */
export function parseModel(text: string): ModelKind {
  if (!(MODEL_KINDS as readonly string[]).includes(text)) {
    throw new Error(`--model expects one of ${MODEL_KINDS.join(", ")}, got "${text}"`);
  }
  return text as ModelKind;
}

/** The settings from flag strings, each checked with a one-line error naming the flag. */
export function parseSettings(flags: {
  optimizer: string;
  lr: string;
  batchSize: string;
  epochs: string;
  seed: string;
}): TrainingSettings {
  if (flags.optimizer !== "sgd" && flags.optimizer !== "adam") {
    throw new Error(`--optimizer expects sgd or adam, got "${flags.optimizer}"`);
  }
  const lr = flags.lr === "auto" ? "auto" : Number(flags.lr);
  if (lr !== "auto" && !(Number.isFinite(lr) && lr > 0)) {
    throw new Error(`--lr expects a positive number or "auto", got "${flags.lr}"`);
  }
  const batchSize =
    flags.batchSize === "full" ? "full" : parseInteger("--batch-size", flags.batchSize);
  if (batchSize !== "full" && batchSize < 1)
    throw new Error(`--batch-size must be ≥ 1 or "full", got ${batchSize}`);
  const epochs = parseInteger("--epochs", flags.epochs);
  if (epochs < 1) throw new Error(`--epochs must be ≥ 1, got ${epochs}`);
  return {
    optimizer: flags.optimizer,
    lr,
    batchSize,
    epochs,
    seed: parseInteger("--seed", flags.seed),
  };
}

/**
 * The optimizer for `settings` at learning rate `lr` (SGD with momentum 0.9 for mini-batches, plain for full batch).
 * @example const optimizer = makeOptimizer(model, settings, 0.5);
 */
export function makeOptimizer(
  model: nn.Module,
  settings: TrainingSettings,
  lr: number,
): optim.Optimizer {
  if (settings.optimizer === "adam") return new optim.Adam(model.parameters(), { lr });
  return new optim.SGD(model.parameters(), { lr });
}

/**
 * For `--lr auto`: α = 0.9/L, with L estimated by power iteration on Hessian-vector products of the
 * full training loss (the lecture's safe step); for Adam, which rescales steps, 1e-2.
 */
export function autoLearningRate(
  model: nn.Module,
  settings: TrainingSettings,
  fullLoss: () => Tensor,
): number {
  if (settings.optimizer === "adam") return 1e-2;
  return optim.convergence.safeStepSize(fullLoss, model.parameters(), {
    iterations: 30,
    tolerance: 1e-3,
    generator: new Generator(settings.seed),
  });
}
