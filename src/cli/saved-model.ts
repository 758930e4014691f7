// A trained model on disk: DIR/model.safetensors with the weights, and the model and feature configs as metadata.
import { join } from "node:path";
import { io } from "../node.js";
import type { nn, Tensor } from "../node.js";
import type { FeatureSpec } from "./features.js";
import { buildModel, type ModelConfig } from "./model-config.js";
import {
  checkFeatureSpec,
  checkModelConfig,
  checkTensorsMatch,
  failuresOf,
  parseMetadata,
} from "./saved-model-check.js";

export const MODEL_FILE = "model.safetensors";
export const CHECKPOINT_FILE = "checkpoint.safetensors";

/** A saved model: the rebuilt module, its config and the feature description (any JSON). */
export interface SavedModel {
  readonly model: nn.Module;
  readonly config: ModelConfig;
  readonly features: FeatureSpec;
}

/**
 * Writes DIR/model.safetensors atomically (parameters by dotted name; `config` and `features` as JSON metadata).
 * @example await saveModel("out", model, config, features);
 */
export async function saveModel(
  directory: string,
  model: nn.Module,
  config: ModelConfig,
  features: unknown,
): Promise<string> {
  const file = join(directory, MODEL_FILE);
  await io.saveSafetensors(file, model.stateDict(), {
    format: "gradus.model/1",
    config: JSON.stringify(config),
    features: JSON.stringify(features),
  });
  return file;
}

/**
 * Reads DIR/model.safetensors (or the given .safetensors file) and rebuilds the model, after checking
 * its metadata and the shapes of the tensors it holds (see saved-model-check.ts).
 * @example const { model, config, features } = await loadModel("gradus-output");
 */
export async function loadModel(location: string): Promise<SavedModel> {
  const file = location.endsWith(".safetensors") ? location : join(location, MODEL_FILE);
  return modelFromContents(file, await io.loadSafetensors(file));
}

/**
 * The model in decoded safetensors contents (`file` names it in errors): metadata checked, then the
 * tensors' shapes against the config, and only then the model built.
 * @example const saved = modelFromContents("model.safetensors", io.decodeSafetensors(bytes));
 */
export function modelFromContents(
  file: string,
  { tensors, metadata }: { tensors: Record<string, Tensor>; metadata: Record<string, string> },
): SavedModel {
  if (metadata.format !== "gradus.model/1") {
    throw new Error(`${file} is not a model saved by gradus (no gradus.model/1 metadata)`);
  }
  const config = checkModelConfig(
    parseMetadata(file, metadata, "config"),
    failuresOf(file, "config"),
  );
  checkTensorsMatch(config, tensors, failuresOf(file, "config"));
  const features = checkFeatureSpec(
    parseMetadata(file, metadata, "features"),
    config,
    failuresOf(file, "features"),
  );
  const model = buildModel(config);
  model.loadStateDict(tensors);
  model.eval();
  return { model, config, features };
}
