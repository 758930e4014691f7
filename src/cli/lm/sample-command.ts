// `gradus lm sample`: text from a model saved by `gradus lm train`, after a prompt, with temperature,
// top-k and a seed (the same seed gives the same text).
import { Generator, nn } from "../../node.js";
import { parseInteger } from "../point-option.js";
import { printJson } from "../table.js";
import { loadLanguageModel } from "./saved-model.js";

/** The flags as commander hands them over. */
export interface LmSampleFlags {
  readonly model: string;
  readonly prompt: string;
  readonly temperature: string;
  readonly topK?: string;
  readonly maxTokens: string;
  readonly seed: string;
  readonly json?: boolean;
}

function options(flags: LmSampleFlags) {
  const temperature = Number(flags.temperature);
  if (flags.temperature.trim() === "" || !(Number.isFinite(temperature) && temperature >= 0))
    throw new Error(
      `--temperature expects a number ≥ 0 (0: always the most likely token), got "${flags.temperature}"`,
    );
  const topK = flags.topK === undefined ? undefined : parseInteger("--top-k", flags.topK);
  if (topK !== undefined && topK < 1) throw new Error(`--top-k must be ≥ 1, got ${topK}`);
  const maxNewTokens = parseInteger("--max-tokens", flags.maxTokens);
  if (maxNewTokens < 0) throw new Error(`--max-tokens must be ≥ 0, got ${maxNewTokens}`);
  const generator = new Generator(parseInteger("--seed", flags.seed));
  return { temperature, maxNewTokens, generator, ...(topK === undefined ? {} : { topK }) };
}

/** Runs `gradus lm sample` with the flags commander parsed. */
export async function runLmSample(flags: LmSampleFlags): Promise<void> {
  const sampling = options(flags);
  const { model, config, tokenizer } = await loadLanguageModel(flags.model);
  if (flags.prompt === "") throw new Error(`--prompt is empty: give at least one character`);
  const prompt = tokenizer.encode(flags.prompt);
  if (config.model === "transformer" && prompt.length > config.context)
    throw new Error(
      `--prompt has ${prompt.length} tokens, more than the model's context of ${config.context} (its position table, set by lm train --context)`,
    );
  const added = nn.generate(model, prompt, sampling);
  const continuation = tokenizer.decode(added);
  if (flags.json === true) {
    printJson({
      prompt: flags.prompt,
      continuation,
      text: flags.prompt + continuation,
      tokens: { prompt: Array.from(prompt), added: Array.from(added) },
    });
    return;
  }
  console.log(flags.prompt + continuation);
}
