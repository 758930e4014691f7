// The tokeniser: runs of Unicode letters and digits, lower-cased, with optional stop words and a minimum length.
import { ENGLISH_STOP_WORDS } from "./stop-words.js";

export interface TokenizeOptions {
  /** Lower-case the text first (default true). */
  readonly lowercase?: boolean;
  /** Words to drop (compared after lower-casing): "english" or a list/set of your own (default none). */
  readonly stopWords?: "english" | readonly string[] | ReadonlySet<string>;
  /** Drop tokens with fewer code points (default 2, as scikit-learn's token pattern does). */
  readonly minLength?: number;
}

// NOTE: \p{M} keeps combining accents (decomposed "é") inside their word instead of splitting it.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The stop-word option as a set (shared so repeated calls do not rebuild it). */
export function stopWordSet(stopWords: TokenizeOptions["stopWords"]): ReadonlySet<string> {
  if (stopWords === undefined) return new Set();
  if (stopWords === "english") return ENGLISH_STOP_WORDS;
  return stopWords instanceof Set ? stopWords : new Set(stopWords);
}

/**
 * A tokeniser with fixed options, for vectorisers that tokenise many documents.
 * @example makeTokenizer({ stopWords: "english" })("The cat sat"); // ["cat", "sat"]
 */
export function makeTokenizer(options: TokenizeOptions = {}): (text: string) => string[] {
  const { lowercase = true, minLength = 2 } = options;
  if (!(Number.isInteger(minLength) && minLength >= 1)) {
    throw new RangeError(`tokenize: minLength must be a positive integer, got ${minLength}`);
  }
  const stopWords = stopWordSet(options.stopWords);
  return (text) => {
    const tokens: string[] = [];
    for (const [match] of (lowercase ? text.toLowerCase() : text).matchAll(TOKEN)) {
      const short =
        match.length < minLength ||
        (match.length < 2 * minLength && countCodePoints(match) < minLength);
      if (!short && !stopWords.has(match)) tokens.push(match);
    }
    return tokens;
  };
}

/**
 * The words of `text`: maximal runs of Unicode letters and digits (punctuation and spaces split).
 * @example data.tokenize("Héllo, WORLD! 42 x"); // ["héllo", "world", "42"]
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  return makeTokenizer(options)(text);
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
