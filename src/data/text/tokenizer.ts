// What every gradus tokenizer offers (BPE and characters), and the checked reading of token ids.
import { Tensor } from "../../tensor/tensor.js";

/** A text ↔ token-id mapping with special tokens, saved as JSON. */
export interface Tokenizer {
  /** The number of token ids: ids are 0 … vocabSize − 1. */
  readonly vocabSize: number;
  /** The special tokens, in id order. */
  readonly specialTokens: readonly string[];
  /** The token ids of `text` (special-token strings in it become their ids). */
  encode(text: string): Int32Array;
  /** The text of token ids; throws a RangeError for an id outside the vocabulary. */
  decode(ids: ArrayLike<number> | Tensor): string;
  /** The id of a special token; throws when it is not one. */
  specialTokenId(token: string): number;
  /** The JSON object to save (its `kind` field says which tokenizer reads it back). */
  toJSON(): object;
}

/** The ids as numbers, each checked to be an integer in [0, vocabSize). */
export function checkedIds(
  ids: ArrayLike<number> | Tensor,
  vocabSize: number,
  operation: string,
): ArrayLike<number> {
  const values = ids instanceof Tensor ? ids.dataSync() : ids;
  for (let i = 0; i < values.length; i++) {
    const id = values[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new RangeError(
        `${operation}: token id ${id} at position ${i} is outside the vocabulary (0 … ${vocabSize - 1})`,
      );
    }
  }
  return values;
}

/** The id of `token` among the special tokens that follow the first `offset` ids. */
export function specialId(
  specials: readonly string[],
  offset: number,
  token: string,
  operation: string,
): number {
  const index = specials.indexOf(token);
  if (index < 0) {
    const known = specials.length > 0 ? specials.map((s) => `"${s}"`).join(", ") : "none";
    throw new RangeError(`${operation}: "${token}" is not a special token (they are: ${known})`);
  }
  return offset + index;
}
