// Byte-level BPE: trained to a vocabulary size, lossless for every JavaScript string, saved as JSON.
import type { Tensor } from "../../tensor/tensor.js";
import { applyMerges } from "./bpe-encode.js";
import { BYTE_TOKENS, learnMerges, PAIR_BASE, pairKey } from "./bpe-train.js";
import { preTokenize } from "./pre-tokenize.js";
import { checkSpecialTokens, splitOnSpecialTokens } from "./special-tokens.js";
import { checkedIds, specialId, type Tokenizer } from "./tokenizer.js";
import { arrayField, describeValue, readSaved, TokenizerFormatError } from "./tokenizer-format.js";
import { decodeWtf8, encodeWtf8 } from "./wtf8.js";

export interface BpeTrainOptions {
  /** Token ids in all: the 256 bytes, the merges learned, then the special tokens. */
  readonly vocabSize: number;
  /** Strings kept whole as one token each, never merged with text (default none). */
  readonly specialTokens?: readonly string[];
  /** Stop merging when the most frequent pair occurs fewer times than this (default 2). */
  readonly minPairCount?: number;
}

/** A BPE tokenizer as JSON: merge k joins token ids [left, right] into id 256 + k. */
export interface BpeTokenizerJson {
  readonly kind: "gradus.bpe-tokenizer";
  readonly version: 1;
  readonly specialTokens: string[];
  readonly merges: [number, number][];
}

const KIND = "gradus.bpe-tokenizer";
const CACHE_LIMIT = 100_000;

/**
 * Byte-level byte-pair encoding. Text is cut into chunks by {@link PRE_TOKEN_PATTERN} (GPT-2-like),
 * each chunk becomes its WTF-8 bytes (UTF-8, plus lone surrogates as 3 bytes: see {@link encodeWtf8}),
 * and the merges are applied in the order learned. Ids 0 … 255 are the bytes, then one id per merge,
 * then the special tokens, so `decode(encode(s)) === s` for every string, lone surrogates included.
 * @example
 * const bpe = BpeTokenizer.train(["low lower lowest"], { vocabSize: 270, specialTokens: ["<|endoftext|>"] });
 * bpe.decode(bpe.encode("lowest<|endoftext|>")); // "lowest<|endoftext|>"
 */
export class BpeTokenizer implements Tokenizer {
  readonly merges: readonly (readonly [number, number])[];
  readonly specialTokens: readonly string[];
  private readonly ranks = new Map<number, number>();
  private readonly bytesOfToken: Uint8Array[] = [];
  private readonly cache = new Map<string, number[]>();

  /** A tokenizer of these merges (each may only join bytes and earlier merges) and special tokens. */
  constructor(
    merges: readonly (readonly [number, number])[],
    specialTokens: readonly string[] = [],
  ) {
    const fail = (field: string, detail: string): never => {
      throw new RangeError(`BpeTokenizer: ${field}: ${detail}`);
    };
    this.specialTokens = Object.freeze(
      checkSpecialTokens(specialTokens, (i, detail) => fail(`special token ${i}`, detail)),
    );
    for (let byte = 0; byte < BYTE_TOKENS; byte++) this.bytesOfToken.push(Uint8Array.of(byte));
    merges.forEach((merge, k) => {
      const [left, right] = checkMerge(merge, k, (detail) => fail(`merge ${k}`, detail));
      const key = pairKey(left, right);
      if (this.ranks.has(key)) fail(`merge ${k}`, `repeats merge ${this.ranks.get(key)}`);
      this.ranks.set(key, k);
      const [a, b] = [this.bytesOfToken[left]!, this.bytesOfToken[right]!];
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a);
      joined.set(b, a.length);
      this.bytesOfToken.push(joined);
    });
    this.merges = Object.freeze(
      merges.map(([left, right]) => Object.freeze([left, right] as const)),
    );
  }

  /**
   * Learns merges from `texts` until `vocabSize` ids or no pair occurs `minPairCount` times. The chunks
   * are counted once, so each merge only revisits the unique chunks that hold its pair.
   */
  static train(texts: Iterable<string>, options: BpeTrainOptions): BpeTokenizer {
    const { vocabSize, specialTokens = [], minPairCount = 2 } = options;
    const specials = checkSpecialTokens(specialTokens, (i, detail) => {
      throw new RangeError(`BpeTokenizer.train: special token ${i}: ${detail}`);
    });
    const smallest = BYTE_TOKENS + specials.length;
    if (!Number.isInteger(vocabSize) || vocabSize < smallest || vocabSize >= PAIR_BASE) {
      throw new RangeError(
        `BpeTokenizer.train: vocabSize must be an integer from ${smallest} (256 bytes + ${specials.length} special tokens) to ${PAIR_BASE - 1}, got ${vocabSize}`,
      );
    }
    if (!(minPairCount >= 1)) {
      throw new RangeError(`BpeTokenizer.train: minPairCount must be ≥ 1, got ${minPairCount}`);
    }
    const counts = new Map<string, number>();
    let textCount = 0;
    for (const text of texts) {
      if (typeof text !== "string") {
        throw new TypeError(`BpeTokenizer.train: text ${textCount} is not a string`);
      }
      textCount++;
      for (const piece of splitOnSpecialTokens(text, specials)) {
        if (typeof piece !== "string") continue;
        for (const chunk of preTokenize(piece)) counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
      }
    }
    if (counts.size === 0) {
      throw new RangeError(
        `BpeTokenizer.train: the corpus is empty (${textCount} texts, no characters outside special tokens)`,
      );
    }
    const chunks = Array.from(counts, ([chunk, count]) => ({
      symbols: Array.from(encodeWtf8(chunk)),
      count,
    }));
    return new BpeTokenizer(learnMerges(chunks, vocabSize - smallest, minPairCount), specials);
  }

  get vocabSize(): number {
    return BYTE_TOKENS + this.merges.length + this.specialTokens.length;
  }

  /** The ids of `text`; occurrences of special-token strings become the special ids. */
  encode(text: string): Int32Array {
    const ids: number[] = [];
    const firstSpecial = BYTE_TOKENS + this.merges.length;
    for (const piece of splitOnSpecialTokens(text, this.specialTokens)) {
      if (typeof piece === "number") ids.push(firstSpecial + piece);
      else this.encodePiece(piece, ids);
    }
    return Int32Array.from(ids);
  }

  /** The ids of `text` with special-token strings treated as plain text (tiktoken's encode_ordinary). */
  encodeOrdinary(text: string): Int32Array {
    const ids: number[] = [];
    this.encodePiece(text, ids);
    return Int32Array.from(ids);
  }

  /** The text of `ids`; bytes that do not form a character (a cut sequence) decode to U+FFFD. */
  decode(ids: ArrayLike<number> | Tensor): string {
    const values = checkedIds(ids, this.vocabSize, "BpeTokenizer.decode");
    const firstSpecial = BYTE_TOKENS + this.merges.length;
    let text = "";
    let buffer = new Uint8Array(256);
    let length = 0;
    for (let i = 0; i < values.length; i++) {
      const id = values[i]!;
      if (id >= firstSpecial) {
        text += decodeWtf8(buffer.subarray(0, length)) + this.specialTokens[id - firstSpecial]!;
        length = 0;
        continue;
      }
      const bytes = this.bytesOfToken[id]!;
      if (length + bytes.length > buffer.length) {
        const larger = new Uint8Array(2 * (length + bytes.length));
        larger.set(buffer.subarray(0, length));
        buffer = larger;
      }
      buffer.set(bytes, length);
      length += bytes.length;
    }
    return text + decodeWtf8(buffer.subarray(0, length));
  }

  /** The bytes of one token (a copy; empty for a special token). */
  tokenBytes(id: number): Uint8Array {
    checkedIds([id], this.vocabSize, "BpeTokenizer.tokenBytes");
    return id < this.bytesOfToken.length ? this.bytesOfToken[id]!.slice() : new Uint8Array(0);
  }

  /** A readable form of one token: the special token itself, or its bytes decoded (U+FFFD where cut). */
  tokenText(id: number): string {
    checkedIds([id], this.vocabSize, "BpeTokenizer.tokenText");
    const firstSpecial = BYTE_TOKENS + this.merges.length;
    return id >= firstSpecial
      ? this.specialTokens[id - firstSpecial]!
      : decodeWtf8(this.bytesOfToken[id]!);
  }

  specialTokenId(token: string): number {
    const offset = BYTE_TOKENS + this.merges.length;
    return specialId(this.specialTokens, offset, token, "BpeTokenizer.specialTokenId");
  }

  toJSON(): BpeTokenizerJson {
    return {
      kind: KIND,
      version: 1,
      specialTokens: [...this.specialTokens],
      merges: this.merges.map(([left, right]) => [left, right]),
    };
  }

  /**
   * The tokenizer saved by toJSON (an object or its JSON text); `source` (a file name) starts errors.
   * @example BpeTokenizer.fromJSON(JSON.stringify(bpe)).encode("low"); // same ids as bpe.encode("low")
   */
  static fromJSON(json: unknown, source = "BpeTokenizer.fromJSON"): BpeTokenizer {
    const record = readSaved(json, source, KIND, 1);
    const specials = arrayField(record, "specialTokens", source);
    checkSpecialTokens(specials, (i, detail) => {
      throw new TokenizerFormatError(source, `specialTokens[${i}]`, detail);
    });
    const merges = arrayField(record, "merges", source).map((merge, k) =>
      checkMerge(merge, k, (detail) => {
        throw new TokenizerFormatError(source, `merges[${k}]`, detail);
      }),
    );
    try {
      return new BpeTokenizer(merges, specials as string[]);
    } catch (error) {
      throw new TokenizerFormatError(source, "merges", (error as Error).message);
    }
  }

  private encodePiece(text: string, ids: number[]): void {
    for (const chunk of preTokenize(text)) {
      let tokens = this.cache.get(chunk);
      if (tokens === undefined) {
        tokens = applyMerges(encodeWtf8(chunk), this.ranks);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(chunk, tokens);
      }
      for (const token of tokens) ids.push(token);
    }
  }
}

/** Merge k as a pair of ids that exist before it (bytes and earlier merges). */
function checkMerge(merge: unknown, k: number, fail: (detail: string) => never): [number, number] {
  const limit = BYTE_TOKENS + k;
  const isId = (id: unknown): id is number => Number.isInteger(id) && (id as number) >= 0;
  if (!Array.isArray(merge) || merge.length !== 2 || !isId(merge[0]) || !isId(merge[1])) {
    return fail(`expected a pair of token ids, got ${describeValue(merge)}`);
  }
  const [left, right] = merge as [number, number];
  if (left >= limit || right >= limit) {
    return fail(
      `[${left}, ${right}] uses an id ≥ ${limit} (a merge may only join bytes and earlier merges)`,
    );
  }
  return [left, right];
}
