// The token streams `gradus lm train` learns from: a tokenizer trained on the training text (byte-level
// BPE or characters), the training and validation texts encoded, each long enough for one window.
import { data } from "../../node.js";
import type { LmCorpus } from "./corpus.js";
import type { TokenizerSpec } from "./options.js";
import type { LmTokenizer } from "./saved-model.js";

/** Characters never seen in training become this token (the BPE needs none: it covers all bytes). */
export const UNKNOWN_TOKEN = "<unk>";

/** The tokenizer, both streams, and murmur3 of the tokenizer's JSON (a resume checks it). */
export interface LmTokens {
  readonly tokenizer: LmTokenizer;
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly fingerprint: number;
}

/**
 * Trains the tokenizer of `spec` on the training text and encodes both texts; throws one line when a
 * stream is shorter than one window of `context` + 1 tokens.
 * @example const { tokenizer, train } = tokenizeCorpus(corpus, { kind: "bpe", vocabSize: 4000 }, 128);
 */
export function tokenizeCorpus(corpus: LmCorpus, spec: TokenizerSpec, context: number): LmTokens {
  const tokenizer: LmTokenizer =
    spec.kind === "bpe"
      ? data.BpeTokenizer.train([corpus.train], { vocabSize: spec.vocabSize })
      : data.CharTokenizer.train([corpus.train], { unknownToken: UNKNOWN_TOKEN });
  const streams = { training: corpus.train, validation: corpus.validation };
  const [train, validation] = Object.entries(streams).map(([part, text]) => {
    const tokens = tokenizer.encode(text);
    if (tokens.length < context + 1)
      throw new Error(
        `--corpus ${corpus.name}: the ${part} text has ${tokens.length} tokens, fewer than one window of --context ${context} + 1; give more text (--limit) or a shorter --context`,
      );
    return tokens;
  }) as [Int32Array, Int32Array];
  const fingerprint = data.murmur3(JSON.stringify(tokenizer.toJSON()));
  return { tokenizer, train, validation, fingerprint };
}
