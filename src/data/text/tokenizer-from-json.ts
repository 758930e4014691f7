// Any saved gradus tokenizer, read back by the `kind` field of its JSON.
import { BpeTokenizer } from "./bpe-tokenizer.js";
import { CharTokenizer } from "./char-tokenizer.js";
import { describeValue, TokenizerFormatError } from "./tokenizer-format.js";

const READERS = {
  "gradus.bpe-tokenizer": BpeTokenizer.fromJSON,
  "gradus.char-tokenizer": CharTokenizer.fromJSON,
} as const;

/**
 * The tokenizer saved by `toJSON` (an object or its JSON text), BPE or character by its `kind`;
 * `source` (a file name) starts every error, which names the field at fault.
 * @example tokenizerFromJSON(JSON.stringify(bpe), "bpe.json").encode("hi"); // same ids as bpe.encode("hi")
 */
export function tokenizerFromJSON(
  json: unknown,
  source = "tokenizerFromJSON",
): BpeTokenizer | CharTokenizer {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new TokenizerFormatError(source, undefined, `not JSON (${(error as Error).message})`);
    }
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !Object.hasOwn(READERS, kind)) {
    const known = Object.keys(READERS)
      .map((name) => `"${name}"`)
      .join(" or ");
    throw new TokenizerFormatError(source, "kind", `expected ${known}, got ${describeValue(kind)}`);
  }
  return READERS[kind as keyof typeof READERS](value, source);
}
