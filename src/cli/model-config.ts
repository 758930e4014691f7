// The models the CLI trains (logreg, softmax, mlp, and a cnn for 28×28 images), built from a JSON
// config and applied to dense or sparse rows.
import { concat, CsrMatrix, Generator, nn, noGrad, optim, tensor } from "../node.js";
import type { Tensor } from "../node.js";

export type ModelKind = "logreg" | "softmax" | "mlp" | "cnn";
export const MODEL_KINDS: readonly ModelKind[] = ["logreg", "softmax", "mlp", "cnn"];

/** The images the cnn takes: one channel of 28×28 pixels, one row of 784 features each. */
export const IMAGE_SIZE = 28;
export const IMAGE_FEATURES = IMAGE_SIZE * IMAGE_SIZE;

/** Rows a forward pass takes at once when predicting (a cnn's activations grow with the rows). */
const PREDICTION_ROWS = 500;

/** Feature rows: a dense [samples, features] tensor or a sparse CSR matrix (TF-IDF). */
export type FeatureRows = Tensor | CsrMatrix;

/** What a saved model needs to be rebuilt: stored as JSON in the safetensors metadata. */
export interface ModelConfig {
  readonly model: ModelKind;
  readonly features: number;
  /** Class names in label order (two for logreg: negative, positive). */
  readonly classes: readonly string[];
  /** Hidden layer sizes of an MLP; the width of a cnn's hidden linear layer (one size). */
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
  if (config.model === "cnn") return buildCnn(config);
  return new nn.MLP([config.features, ...config.hidden, config.classes.length], {
    generator: new Generator(config.seed),
  });
}

/**
 * Two 3×3 conv–relu–pool blocks (32 and 64 channels) and a head of one hidden linear layer: rows of
 * 784 pixels unflattened to [N, 1, 28, 28] first. PyTorch's default initialisation, from the seed.
 */
function buildCnn(config: ModelConfig): nn.Module {
  const [width] = config.hidden;
  if (config.features !== IMAGE_FEATURES || width === undefined || config.hidden.length !== 1) {
    throw new Error(
      `--model cnn takes 28×28 images (784 features) and one --hidden size, got ${config.features} features and --hidden ${config.hidden.join(",")} (try --dataset mnist)`,
    );
  }
  const generator = new Generator(config.seed);
  return new nn.Sequential(
    new nn.Unflatten(1, [1, IMAGE_SIZE, IMAGE_SIZE]),
    new nn.Conv2d(1, 32, 3, { padding: 1, generator }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(32, 64, 3, { padding: 1, generator }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(64 * 7 * 7, width, { generator }),
    new nn.ReLU(),
    new nn.Linear(width, config.classes.length, { generator }),
  );
}

/**
 * Rows as the model's forward takes them: the regressions multiply sparse CSR rows directly; the MLP's
 * first Linear layer needs them dense.
 */
export function inputRows(config: ModelConfig, rows: FeatureRows): FeatureRows {
  const dense = config.model === "mlp" || config.model === "cnn";
  return dense && rows instanceof CsrMatrix ? rows.toDense() : rows;
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

/** The logits of dense rows PREDICTION_ROWS at a time (a cnn on 2,000 images would need 200 MB). */
function logitsInParts(model: nn.Module, config: ModelConfig, rows: FeatureRows): Tensor {
  if (rows instanceof CsrMatrix || rows.shape[0]! <= PREDICTION_ROWS)
    return logitsOf(model, config, rows);
  const parts: Tensor[] = [];
  for (let start = 0; start < rows.shape[0]!; start += PREDICTION_ROWS)
    parts.push(logitsOf(model, config, rows.slice(0, start, start + PREDICTION_ROWS)));
  return concat(parts, 0);
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
  const logits = noGrad(() => logitsInParts(model, config, rows));
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
