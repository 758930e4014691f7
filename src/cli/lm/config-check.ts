// A saved language model is untrusted input: config.json is checked field by field, then against the
// names, shapes and dtypes of the tensors in model.safetensors, before any model is built (so no size
// in the config can make gradus allocate more than the file holds). Errors name the file and the field.
import type { Tensor } from "../../node.js";
import { LM_KINDS, parameterShapes, type LmModelConfig } from "./config.js";

/** Throws `FILE: field "NAME" PROBLEM` (or `FILE: PROBLEM` for the field ""). */
export type Fail = (field: string, problem: string) => never;

/** A failure reporter for one file. */
export const failureIn =
  (file: string): Fail =>
  (field, problem) => {
    throw new Error(`${file}: ${field === "" ? "" : `field "${field}" `}${problem}`);
  };

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** The model config, each field checked for its type and range. */
export function checkLmModelConfig(value: unknown, fail: Fail): LmModelConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail("model", `must be an object, got ${shown(value)}`);
  const config = value as Record<string, unknown>;
  const field = (name: string) => `model.${name}`;
  if (!(LM_KINDS as readonly unknown[]).includes(config.model))
    fail(field("model"), `must be one of ${LM_KINDS.join(", ")}, got ${shown(config.model)}`);
  for (const name of ["vocabSize", "dModel", "layers", "context"])
    if (!isCount(config[name]))
      fail(field(name), `must be a positive integer, got ${shown(config[name])}`);
  const isTransformer = config.model === "transformer";
  for (const name of ["heads", "dimFeedforward"]) {
    if (isTransformer && !isCount(config[name]))
      fail(field(name), `must be a positive integer for a transformer, got ${shown(config[name])}`);
    if (!isTransformer && config[name] !== null)
      fail(field(name), `must be null for an LSTM, got ${shown(config[name])}`);
  }
  if (isTransformer && (config.dModel as number) % (config.heads as number) !== 0)
    fail(
      field("heads"),
      `must divide dModel ${String(config.dModel)}, got ${String(config.heads)}`,
    );
  const dropout = config.dropout;
  if (typeof dropout !== "number" || !(dropout >= 0 && dropout < 1))
    fail(field("dropout"), `must be a number in [0, 1), got ${shown(dropout)}`);
  if (typeof config.tieWeights !== "boolean")
    fail(field("tieWeights"), `must be true or false, got ${shown(config.tieWeights)}`);
  return config as unknown as LmModelConfig;
}

const sameValues = (a: Tensor, b: Tensor): boolean => {
  const [x, y] = [a.dataSync(), b.dataSync()];
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
};

/**
 * Throws unless `tensors` are exactly the config's parameters, each float with the declared shape
 * (and, for tied weights, head.weight equal to token_embedding.weight).
 */
export function checkLmTensors(
  config: LmModelConfig,
  tensors: Readonly<Record<string, Tensor>>,
  fail: Fail,
): void {
  const expected = parameterShapes(config);
  const describe = `a ${config.model} of ${config.layers} layers, dModel ${config.dModel}, vocabulary ${config.vocabSize}`;
  for (const [name, shape] of Object.entries(expected)) {
    const held = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (held === undefined)
      fail("", `holds no tensor "${name}" [${shape.join(", ")}], which ${describe} has`);
    if (held.dtype === "int32") fail("", `holds "${name}" as int32; parameters are float`);
    if (held.shape.join() !== shape.join())
      fail(
        "",
        `holds "${name}" with shape [${held.shape.join(", ")}], but ${describe} has [${shape.join(", ")}]`,
      );
  }
  const extra = Object.keys(tensors).filter((name) => !Object.hasOwn(expected, name));
  if (extra.length > 0)
    fail("", `holds tensors that ${describe} does not have: ${extra.slice(0, 5).join(", ")}`);
  if (config.tieWeights && !sameValues(tensors["head.weight"]!, tensors["token_embedding.weight"]!))
    fail(
      "",
      `holds a head.weight that differs from token_embedding.weight, but the weights are tied`,
    );
}
