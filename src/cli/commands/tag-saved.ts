// A trained tagger on disk (DIR/model.safetensors, config.json, vocabulary.json) and back: the config is
// checked field by field, then against the vocabulary and the tensors, before the tagger is built.
import { join } from "node:path";
import { Generator } from "../../node.js";
import { TagFeatures, WORD_SHAPES } from "./tag-features.js";
import {
  checkTensorShapes,
  integerField,
  objectIn,
  readModelDirectory,
  writeModelDirectory,
} from "./tag-files.js";
import { PosTagger, taggerShapes, type TaggerConfig } from "./tag-model.js";

const KIND = "gradus.pos-tagger";

/** DIR/config.json of a tagger: the model's sizes, and how it was trained and scored (for people). */
export interface TaggerFile {
  readonly kind: typeof KIND;
  readonly version: 1;
  readonly model: TaggerConfig;
  readonly training?: unknown;
  readonly results?: unknown;
}

/**
 * Writes the tagger's directory and returns the files written.
 * @example await saveTagger("out", tagger, features, { training: flags, results });
 */
export async function saveTagger(
  directory: string,
  tagger: PosTagger,
  features: TagFeatures,
  notes: { training?: unknown; results?: unknown } = {},
): Promise<string[]> {
  const config: TaggerFile = { kind: KIND, version: 1, model: tagger.config, ...notes };
  return writeModelDirectory(directory, {
    tensors: tagger.stateDict(),
    config,
    vocabulary: features.toJSON(),
  });
}

/** The model part of config.json, each field checked (`file` starts the errors). */
export function checkTaggerConfig(value: unknown, file: string): TaggerConfig {
  const record = objectIn(value, file);
  if (record.kind !== KIND || record.version !== 1)
    throw new Error(`${file} is not a tagger's config (kind "${KIND}", version 1)`);
  const model = objectIn(record.model, `${file}: field "model"`);
  const field = (name: string, min = 1) =>
    integerField(model[name], `${file}: field "model.${name}"`, min, 2 ** 24);
  const tags = model.tags;
  if (!Array.isArray(tags) || tags.length < 2 || !tags.every((tag) => typeof tag === "string"))
    throw new Error(`${file}: field "model.tags" must list at least two tags`);
  if (new Set(tags).size !== tags.length)
    throw new Error(`${file}: field "model.tags" lists a tag twice`);
  const config: TaggerConfig = {
    words: field("words", 2),
    suffixes: field("suffixes", 2),
    shapes: field("shapes"),
    wordDim: field("wordDim"),
    suffixDim: field("suffixDim"),
    shapeDim: field("shapeDim"),
    hidden: field("hidden"),
    tags: tags as string[],
  };
  if (config.shapes !== WORD_SHAPES.length)
    throw new Error(
      `${file}: field "model.shapes" must be ${WORD_SHAPES.length}, got ${config.shapes}`,
    );
  return config;
}

/** A tagger ready to tag: the model (in eval mode), its vocabularies and its config file's contents. */
export interface SavedTagger {
  readonly tagger: PosTagger;
  readonly features: TagFeatures;
  readonly file: TaggerFile;
}

/**
 * Reads a tagger's directory. Problems are one line naming the file: a missing file, bad JSON, a
 * field out of range, a vocabulary whose size differs from the config, a tensor missing or of
 * another shape than the config gives.
 * @example const { tagger, features } = await loadTagger("gradus-tagger");
 */
export async function loadTagger(directory: string): Promise<SavedTagger> {
  const { tensors, config, vocabulary, files } = await readModelDirectory(directory);
  const [modelFile, configFile, vocabularyFile] = files as [string, string, string];
  const model = checkTaggerConfig(config, configFile);
  const features = TagFeatures.fromJSON(vocabulary, vocabularyFile);
  for (const [name, size] of [
    ["words", features.words.size],
    ["suffixes", features.suffixes.size],
  ] as const) {
    if (model[name] !== size)
      throw new Error(
        `${vocabularyFile} has ${size} ${name} but ${configFile} gives ${model[name]} (from another model?)`,
      );
  }
  checkTensorShapes(modelFile, taggerShapes(model), tensors);
  const tagger = new PosTagger(model, new Generator(0));
  tagger.loadStateDict({ ...tensors });
  tagger.eval();
  return { tagger, features, file: config as TaggerFile };
}

/** The checkpoint beside a tagger's files. */
export const checkpointIn = (directory: string): string =>
  join(directory, "checkpoint.safetensors");
