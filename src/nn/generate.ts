// Text generation from a language model: next-token sampling with temperature and top-k from a seeded
// Generator, a sliding window for the transformer, carried states for the LSTM.
import { noGrad } from "../autodiff/index.js";
import { tensor } from "../tensor/creation.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { LSTMLanguageModel, type LSTMState } from "./lstm-language-model.js";
import type { TransformerLanguageModel } from "./transformer-language-model.js";

export interface SampleOptions {
  /** Divides the logits (default 1); 0 picks the most likely token (greedy decoding). */
  readonly temperature?: number;
  /** Sample among the k most likely tokens only (ties with the k-th kept); default all. */
  readonly topK?: number;
  readonly generator?: Generator;
}

export interface GenerateOptions extends SampleOptions {
  /** How many tokens to add after the prompt. */
  readonly maxNewTokens: number;
}

function checkSampleOptions(operation: string, options: SampleOptions): void {
  const { temperature = 1, topK } = options;
  if (!(Number.isFinite(temperature) && temperature >= 0))
    throw new RangeError(
      `${operation}: temperature must be a finite number ≥ 0, got ${temperature}`,
    );
  if (topK !== undefined && !(Number.isSafeInteger(topK) && topK >= 1))
    throw new RangeError(`${operation}: topK must be a positive integer, got ${topK}`);
}

/**
 * A token id drawn from softmax(logits / temperature) restricted to the top k logits (temperature 0:
 * the first largest logit). Probabilities are formed in float64, after subtracting the largest logit.
 * @example nn.sampleToken([2, 1, 0.5], { temperature: 0.8, topK: 2, generator: new Generator(0) }); // 0 or 1
 */
export function sampleToken(
  logits: ArrayLike<number> | Tensor,
  options: SampleOptions = {},
): number {
  checkSampleOptions("sampleToken", options);
  const values = logits instanceof Tensor ? logits.dataSync() : logits;
  const count = values.length;
  if (count === 0) throw new RangeError("sampleToken: the logits are empty");
  let best = 0;
  for (let i = 0; i < count; i++) {
    if (Number.isNaN(values[i]!)) throw new RangeError(`sampleToken: logit ${i} is NaN`);
    if (values[i]! > values[best]!) best = i;
  }
  const { temperature = 1, topK = count, generator = defaultGenerator } = options;
  if (temperature === 0) return best;
  // the k-th largest logit: tokens below it get probability 0
  const threshold =
    topK >= count ? -Infinity : Float64Array.from(values).sort().reverse()[topK - 1]!;
  const weights = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (values[i]! < threshold) continue;
    weights[i] = Math.exp((values[i]! - values[best]!) / temperature);
    total += weights[i]!;
  }
  let remaining = generator.uniform() * total;
  for (let i = 0; i < count; i++) {
    remaining -= weights[i]!;
    if (remaining < 0 && weights[i]! > 0) return i;
  }
  return best;
}

/** The logits [V] of the next token, and a step that appends a token and gives the following ones. */
interface Steps {
  readonly first: ArrayLike<number>;
  next(latest: number): ArrayLike<number>;
}

const lastRow = (logits: Tensor): ArrayLike<number> => logits.at(logits.shape[0]! - 1).dataSync();
const int32 = (ids: ArrayLike<number>): Tensor => tensor(Array.from(ids), { dtype: "int32" });

/** The transformer reads its last contextLength tokens again at every step (no cache). */
function windowSteps(model: TransformerLanguageModel, prompt: Int32Array): Steps {
  const tokens = Array.from(prompt);
  const window = () => lastRow(model.forward(int32(tokens.slice(-model.contextLength))));
  return {
    first: window(),
    next: (latest) => {
      tokens.push(latest);
      return window();
    },
  };
}

/** The LSTM reads the prompt once, then one token a step, carrying its states. */
function stateSteps(model: LSTMLanguageModel, prompt: Int32Array): Steps {
  let [logits, state]: [Tensor, LSTMState] = model.forwardWithState(int32(prompt), null);
  return {
    first: lastRow(logits),
    next: (latest) => {
      [logits, state] = model.forwardWithState(int32([latest]), state);
      return lastRow(logits);
    },
  };
}

/**
 * `options.maxNewTokens` tokens sampled after `prompt` (token ids, at least one), with the model in
 * eval mode and no gradients. The transformer sees the last contextLength tokens (the window slides
 * once prompt + new tokens outgrow its position table); the LSTM carries its states, so it reads
 * each token once. Reproducible with a seeded generator.
 * @example const ids = nn.generate(lm, bpe.encode("The jury"), { maxNewTokens: 20, topK: 50, generator: new Generator(0) }); bpe.decode(ids);
 */
export function generate(
  model: TransformerLanguageModel | LSTMLanguageModel,
  prompt: ArrayLike<number>,
  options: GenerateOptions,
): Int32Array {
  checkSampleOptions("generate", options);
  const { maxNewTokens } = options;
  if (!(Number.isSafeInteger(maxNewTokens) && maxNewTokens >= 0))
    throw new RangeError(`generate: maxNewTokens must be an integer ≥ 0, got ${maxNewTokens}`);
  if (prompt.length === 0) throw new RangeError("generate: the prompt needs at least one token");
  const ids = Int32Array.from(prompt);
  ids.forEach((id, position) => {
    if (!(Number.isInteger(prompt[position]) && id >= 0 && id < model.vocabSize))
      throw new RangeError(
        `generate: prompt token ${prompt[position]} at position ${position} is outside the vocabulary (0 … ${model.vocabSize - 1})`,
      );
  });
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      const steps =
        model instanceof LSTMLanguageModel ? stateSteps(model, ids) : windowSteps(model, ids);
      const added = new Int32Array(maxNewTokens);
      let logits = steps.first;
      for (let i = 0; i < maxNewTokens; i++) {
        added[i] = sampleToken(logits, options);
        if (i + 1 < maxNewTokens) logits = steps.next(added[i]!);
      }
      return added;
    });
  } finally {
    model.train(wasTraining);
  }
}
