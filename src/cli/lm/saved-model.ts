// A trained language model on disk: DIR/model.safetensors (PyTorch's keys), DIR/config.json (the model
// config and a record of the training run) and DIR/tokenizer.json; read back only after checking.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { data, Generator, io } from "../../node.js";
import { buildLanguageModel, type LanguageModel, type LmModelConfig } from "./config.js";
import { checkLmModelConfig, checkLmTensors, failureIn, type Fail } from "./config-check.js";

export const LM_FILES = {
  model: "model.safetensors",
  config: "config.json",
  tokenizer: "tokenizer.json",
  checkpoint: "checkpoint.safetensors",
} as const;
const FORMAT = "gradus.language-model/1";

export type LmTokenizer = data.BpeTokenizer | data.CharTokenizer;

/** A model read back from its directory, ready to sample from (eval mode). */
export interface SavedLanguageModel {
  readonly model: LanguageModel;
  readonly config: LmModelConfig;
  readonly tokenizer: LmTokenizer;
  /** The training record of config.json (not checked: informational). */
  readonly training: unknown;
}

/**
 * Writes the three files of DIR, each atomically: weights, tokenizer, then config.json last (a
 * directory with a config.json from this run has the weights and tokenizer of this run).
 * @example const files = await saveLanguageModel("gradus-lm", model, config, tokenizer, record);
 */
export async function saveLanguageModel(
  directory: string,
  model: LanguageModel,
  config: LmModelConfig,
  tokenizer: LmTokenizer,
  training: unknown,
): Promise<string[]> {
  const files = [LM_FILES.model, LM_FILES.tokenizer, LM_FILES.config].map((f) =>
    join(directory, f),
  );
  await io.saveSafetensors(files[0]!, model.stateDict(), { format: FORMAT });
  await data.saveTokenizer(files[1]!, tokenizer);
  const json = { format: FORMAT, model: config, training };
  await io.writeFileAtomic(
    files[2]!,
    new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`),
  );
  return files;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read "${file}": ${io.describeFsError(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
}

/**
 * The model in DIR: config.json checked, the tokenizer read and its size compared, the tensors'
 * names, shapes and dtypes compared with the config, and only then the model built and loaded.
 * @example const { model, tokenizer } = await loadLanguageModel("gradus-lm");
 */
export async function loadLanguageModel(directory: string): Promise<SavedLanguageModel> {
  const configFile = join(directory, LM_FILES.config);
  const record = (await readJson(configFile)) as Record<string, unknown> | null;
  const fail: Fail = failureIn(configFile);
  if (typeof record !== "object" || record === null || record.format !== FORMAT)
    fail("format", `must be "${FORMAT}" (a directory written by gradus lm train)`);
  const config = checkLmModelConfig(record.model, fail);
  const tokenizerFile = join(directory, LM_FILES.tokenizer);
  const tokenizer = await data.loadTokenizer(tokenizerFile);
  if (tokenizer.vocabSize !== config.vocabSize)
    throw new Error(
      `${tokenizerFile}: the tokenizer has ${tokenizer.vocabSize} ids, but ${configFile} says the model's vocabulary has ${config.vocabSize}`,
    );
  const modelFile = join(directory, LM_FILES.model);
  const { tensors } = await io.loadSafetensors(modelFile);
  checkLmTensors(config, tensors, failureIn(modelFile));
  const model = buildLanguageModel(config, new Generator(0));
  model.loadStateDict(tensors);
  model.eval();
  return { model, config, tokenizer, training: record.training };
}
