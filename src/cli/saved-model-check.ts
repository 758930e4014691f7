// A saved model is untrusted input: its JSON metadata is checked field by field, and against the
// shapes of the tensors the file holds, before any model is built (so no size in the metadata can
// make gradus allocate more than the file itself holds). Every error names the file and the field.
import type { Tensor } from "../node.js";
import { featureWidth, type FeatureSpec } from "./features.js";
import { IMAGE_FEATURES, MODEL_KINDS, type ModelConfig } from "./model-config.js";

type Fail = (field: string, problem: string) => never;

/** A failure reporter for `file`: `FILE: metadata "config": field "hidden" must be …`. */
export function failuresOf(file: string, metadata: string): Fail {
  return (field, problem) => {
    throw new Error(
      `${file}: metadata "${metadata}": ${field === "" ? "" : `field "${field}" `}${problem}`,
    );
  };
}

/** The metadata entry `name` parsed as JSON, or a one-line error naming the file and the entry. */
export function parseMetadata(
  file: string,
  metadata: Record<string, string>,
  name: string,
): unknown {
  const text = metadata[name];
  if (text === undefined) throw new Error(`${file}: metadata "${name}" is missing`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${file}: metadata "${name}" is not valid JSON (${text.length} characters)`);
  }
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** The model config, each field checked for its type and range. */
export function checkModelConfig(value: unknown, fail: Fail): ModelConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail("", `must be an object, got ${shown(value)}`);
  const config = value as Record<string, unknown>;
  if (!(MODEL_KINDS as readonly unknown[]).includes(config.model))
    fail("model", `must be one of ${MODEL_KINDS.join(", ")}, got ${shown(config.model)}`);
  if (!isPositiveInteger(config.features))
    fail("features", `must be a positive integer, got ${shown(config.features)}`);
  if (!isStringArray(config.classes) || config.classes.length < 2)
    fail("classes", `must list at least two class names, got ${shown(config.classes)}`);
  if (config.model === "logreg" && (config.classes as string[]).length !== 2)
    fail("classes", `must list exactly two classes for logreg, got ${shown(config.classes)}`);
  if (!Array.isArray(config.hidden) || !config.hidden.every(isPositiveInteger))
    fail("hidden", `must be an array of positive integers, got ${shown(config.hidden)}`);
  if (config.model === "cnn" && config.features !== IMAGE_FEATURES)
    fail(
      "features",
      `must be ${IMAGE_FEATURES} (28×28 pixels) for a cnn, got ${shown(config.features)}`,
    );
  if (config.model === "cnn" && (config.hidden as unknown[]).length !== 1)
    fail("hidden", `must hold one size (the head's width) for a cnn, got ${shown(config.hidden)}`);
  if (typeof config.seed !== "number" || !Number.isFinite(config.seed))
    fail("seed", `must be a number, got ${shown(config.seed)}`);
  return config as unknown as ModelConfig;
}

/** The parameter names and shapes the config's model has (nn's state-dict names). */
export function parameterShapes(config: ModelConfig): Record<string, number[]> {
  const classes = config.classes.length;
  if (config.model === "logreg") return { weight: [config.features], bias: [] };
  if (config.model === "softmax") return { weight: [classes, config.features], bias: [classes] };
  if (config.model === "cnn") return cnnShapes(config.hidden[0]!, classes);
  const sizes = [config.features, ...config.hidden, classes];
  const shapes: Record<string, number[]> = {};
  for (let i = 0; i + 1 < sizes.length; i++) {
    shapes[`layers.${2 * i}.weight`] = [sizes[i + 1]!, sizes[i]!];
    shapes[`layers.${2 * i}.bias`] = [sizes[i + 1]!];
  }
  return shapes;
}

/** The cnn's parameters (model-config.ts's layers: unflatten, conv, relu, pool, conv, relu, pool, flatten, linear, relu, linear). */
function cnnShapes(width: number, classes: number): Record<string, number[]> {
  return {
    "layers.1.weight": [32, 1, 3, 3],
    "layers.1.bias": [32],
    "layers.4.weight": [64, 32, 3, 3],
    "layers.4.bias": [64],
    "layers.8.weight": [width, 64 * 7 * 7],
    "layers.8.bias": [width],
    "layers.10.weight": [classes, width],
    "layers.10.bias": [classes],
  };
}

/** Throws unless the file holds exactly the config's parameters, each with the shape it declares. */
export function checkTensorsMatch(
  config: ModelConfig,
  tensors: Readonly<Record<string, Tensor>>,
  fail: Fail,
): void {
  const expected = parameterShapes(config);
  for (const [name, shape] of Object.entries(expected)) {
    const held = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (held === undefined)
      fail(
        "",
        `describes a ${config.model} whose parameter "${name}" [${shape.join(", ")}] is not in the file`,
      );
    if (held.shape.join() !== shape.join())
      fail(
        "",
        `describes "${name}" as [${shape.join(", ")}], but the file holds [${held.shape.join(", ")}]`,
      );
  }
  const extra = Object.keys(tensors).filter((name) => !Object.hasOwn(expected, name));
  if (extra.length > 0)
    fail(
      "",
      `describes a ${config.model} without the file's tensors ${extra.slice(0, 5).join(", ")}`,
    );
}

/** The feature description, checked against the config's feature count. */
export function checkFeatureSpec(value: unknown, config: ModelConfig, fail: Fail): FeatureSpec {
  const spec = value as Record<string, unknown> | null;
  if (spec?.kind === "text") {
    if (typeof spec.column !== "string")
      fail("column", `must be a column name, got ${shown(spec.column)}`);
    const tfidf = spec.tfidf as Record<string, unknown> | null;
    if (typeof tfidf !== "object" || tfidf === null)
      fail("tfidf", `must be an object, got ${shown(tfidf)}`);
    if (!isStringArray(tfidf.tokens) || tfidf.tokens.length !== config.features)
      fail("tfidf.tokens", `must list the model's ${config.features} tokens`);
    if (
      !Array.isArray(tfidf.idf) ||
      tfidf.idf.length !== config.features ||
      !tfidf.idf.every(Number.isFinite)
    )
      fail("tfidf.idf", `must hold ${config.features} finite numbers`);
    checkTfidfOptions(tfidf.options, fail);
    return spec as unknown as FeatureSpec;
  }
  if (spec?.kind !== "numeric")
    fail("kind", `must be "text" or "numeric", got ${shown(spec?.kind)}`);
  if (!isStringArray(spec.columns)) fail("columns", `must be a list of column names`);
  const categorical = (spec.categorical ?? {}) as Record<string, unknown>;
  if (typeof categorical !== "object" || categorical === null || Array.isArray(categorical))
    fail("categorical", `must map columns to their categories`);
  for (const [column, categories] of Object.entries(categorical)) {
    if (!spec.columns.includes(column) || !isStringArray(categories) || categories.length === 0)
      fail(`categorical.${column}`, `must list the categories of one of the columns`);
  }
  const width = featureWidth(spec.columns, categorical as Record<string, string[]>);
  if (width !== config.features)
    fail("columns", `give ${width} features, but the model has ${config.features}`);
  for (const field of ["mean", "std"] as const) {
    const values = spec[field];
    if (!Array.isArray(values) || values.length !== width || !values.every(Number.isFinite))
      fail(field, `must hold ${width} finite numbers`);
  }
  return spec as unknown as FeatureSpec;
}

/** The allowed values of each TF-IDF option a saved model may carry. */
const TFIDF_OPTIONS: Record<string, (value: unknown) => boolean> = {
  lowercase: (value) => typeof value === "boolean",
  binary: (value) => typeof value === "boolean",
  sublinearTf: (value) => typeof value === "boolean",
  smoothIdf: (value) => typeof value === "boolean",
  norm: (value) => value === "l2" || value === "none",
  dtype: (value) => value === "float32" || value === "float64",
  stopWords: (value) => value === "english" || isStringArray(value),
  minLength: (value) => typeof value === "number" && Number.isFinite(value),
  minCount: (value) => typeof value === "number" && Number.isFinite(value),
  maxSize: (value) => typeof value === "number" && Number.isFinite(value),
};

function checkTfidfOptions(value: unknown, fail: Fail): void {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail("tfidf.options", "must be an object");
  for (const [name, setting] of Object.entries(value)) {
    const allowed = Object.hasOwn(TFIDF_OPTIONS, name) ? TFIDF_OPTIONS[name] : undefined;
    if (allowed === undefined) fail(`tfidf.options.${name}`, "is not a TF-IDF option");
    else if (!allowed(setting))
      fail(`tfidf.options.${name}`, `has an invalid value ${shown(setting)}`);
  }
}
