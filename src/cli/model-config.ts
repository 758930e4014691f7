// The models the CLI trains (logreg, softmax, mlp), built from a JSON config and applied to dense or sparse rows.
import { CsrMatrix, Generator, nn, noGrad, sparseMatmul, tensor } from "../node.js";
import { predictions } from "./classification-report.js";
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

/** The logits of `rows`: [samples] for logreg, [samples, classes] otherwise; sparse rows stay sparse for the regressions. */
export function logitsOf(model: nn.Module, rows: FeatureRows): Tensor {
  if (!(rows instanceof CsrMatrix)) return model.forward(rows);
  if (model instanceof nn.LogisticRegression || model instanceof nn.SoftmaxRegression) {
    const weight = model instanceof nn.LogisticRegression ? model.weight : model.weight.transpose();
    const logits = sparseMatmul(rows, weight);
    return model.bias === null ? logits : logits.add(model.bias);
  }
  return model.forward(rows.toDense());
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
  const logits = noGrad(() => logitsOf(model, rows));
  const binary = config.model === "logreg";
  const probabilities = noGrad(() => (binary ? logits.sigmoid() : logits.softmax(-1))).dataSync();
  const count = binary ? probabilities.length : probabilities.length / config.classes.length;
  const classes = predictions(logits.dataSync(), binary ? 1 : config.classes.length);
  const chosen = Float64Array.from({ length: count }, (_, i) =>
    binary
      ? classes[i] === 1
        ? probabilities[i]!
        : 1 - probabilities[i]!
      : probabilities[i * config.classes.length + classes[i]!]!,
  );
  return { classes, probabilities: chosen };
}
