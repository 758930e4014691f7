// The models the CLI trains (logreg, softmax, mlp), built from a JSON config and applied to dense or sparse rows.
import { CsrMatrix, Generator, nn, noGrad, optim, tensor } from "../node.js";
import type { Tensor } from "../node.js";

export type ModelKind = "logreg" | "softmax" | "mlp";
export const MODEL_KINDS: readonly ModelKind[] = ["logreg", "softmax", "mlp"];

/** Feature rows: a dense [samples, features] tensor or a sparse CSR matrix (TF-IDF). */
export type FeatureRows = Tensor | CsrMatrix;

/** What a saved model needs to be rebuilt: stored as JSON in the safetensors metadata. */
export interface ModelConfig {
  readonly model: ModelKind;
  readonly features: number;
  /** Class names in label order (two for logreg: negative, positive). */
  readonly classes: readonly string[];
  /** Hidden layer sizes of an MLP. */
  readonly hidden: readonly number[];
  readonly seed: number;
}

/**
 * A fresh model for the config (MLP weights from the seed; regressions start at 0).
 * @example const model = buildModel({ model: "logreg", features: 10, classes: ["ham", "spam"], hidden: [], seed: 0 });
 */
export function buildModel(config: ModelConfig): nn.Module {
  if (config.model === "logreg") {
    if (config.classes.length !== 2) {
      throw new Error(
        `--model logreg needs exactly 2 classes, the data has ${config.classes.length} (use --model softmax)`,
      );
    }
    return new nn.LogisticRegression(config.features);
  }
  if (config.model === "softmax")
    return new nn.SoftmaxRegression(config.features, config.classes.length);
  return new nn.MLP([config.features, ...config.hidden, config.classes.length], {
    generator: new Generator(config.seed),
  });
}

/**
 * Rows as the model's forward takes them: the regressions multiply sparse CSR rows directly; the MLP's
 * first Linear layer needs them dense.
 */
export function inputRows(config: ModelConfig, rows: FeatureRows): FeatureRows {
  return config.model === "mlp" && rows instanceof CsrMatrix ? rows.toDense() : rows;
}

/** The logits of `rows`: [samples] for logreg, [samples, classes] otherwise. */
export function logitsOf(model: nn.Module, config: ModelConfig, rows: FeatureRows): Tensor {
  return (model as { forward(x: FeatureRows): Tensor }).forward(inputRows(config, rows));
}

/** The training loss of logits against targets: BCE for logreg, cross-entropy otherwise. */
export function lossOf(config: ModelConfig): (logits: Tensor, targets: Tensor) => Tensor {
  return config.model === "logreg" ? nn.binaryCrossEntropyWithLogits : nn.crossEntropy;
}

/** Targets as the loss wants them: 0/1 floats for logreg, int32 class indices otherwise. */
export function targetsOf(config: ModelConfig, labels: Int32Array): Tensor {
  return tensor(config.model === "logreg" ? Float32Array.from(labels) : Int32Array.from(labels));
}

/**
 * Predicted class indices and the probability the model gives each prediction (no gradients recorded).
 * @example const { classes, probabilities } = predictRows(model, config, rows);
 */
export function predictRows(
  model: nn.Module,
  config: ModelConfig,
  rows: FeatureRows,
): { classes: Int32Array; probabilities: Float64Array } {
  model.eval();
  const logits = noGrad(() => logitsOf(model, config, rows));
  const binary = config.model === "logreg";
  const probabilities = noGrad(() => (binary ? logits.sigmoid() : logits.softmax(-1))).dataSync();
  const classes = optim.predictedClasses(logits).dataSync() as Int32Array;
  const chosen = Float64Array.from(classes, (c, i) =>
    binary
      ? c === 1
        ? probabilities[i]!
        : 1 - probabilities[i]!
      : probabilities[i * config.classes.length + c]!,
  );
  return { classes, probabilities: chosen };
}
