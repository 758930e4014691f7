// Words ↔ ids for sequence models: <pad> is 0, <unk> is 1, then the words by count above a frequency cutoff.
import type { Tensor } from "../../tensor/tensor.js";
import { checkedIds } from "./tokenizer.js";
import { arrayField, describeValue, readSaved, TokenizerFormatError } from "./tokenizer-format.js";
import { Vocabulary } from "./vocabulary.js";

export interface WordVocabularyOptions {
  /** Keep words seen at least this many times (default 1); the others become <unk>. */
  readonly minCount?: number;
  /** At most this many ids in all, <pad> and <unk> included (default: no limit). */
  readonly maxSize?: number;
  /** Lower-case words before counting and looking up (default false). */
  readonly lowercase?: boolean;
}

/** A word vocabulary as JSON. */
export interface WordVocabularyJson {
  readonly kind: "gradus.word-vocabulary";
  readonly version: 1;
  readonly lowercase: boolean;
  /** The words after <pad> and <unk>, with their training counts and <unk>'s (the words dropped). */
  readonly words: string[];
  readonly counts: number[];
  readonly unknownCount: number;
}

const KIND = "gradus.word-vocabulary";

/**
 * Word ids for embeddings: `padId` 0 (padding, never a word), `unknownId` 1 (every word not kept),
 * then the kept words by descending count, ties in code-unit order. `counts[id]` is the training
 * count (0 for <pad>, the dropped words' total for <unk>): the frequencies skip-gram needs.
 * @example
 * const vocabulary = WordVocabulary.fromSentences([["the", "cat"], ["the", "dog"]], { minCount: 2 });
 * vocabulary.encode(["the", "bird"]); // Int32Array [2, 1]
 */
export class WordVocabulary {
  static readonly PAD = "<pad>";
  static readonly UNKNOWN = "<unk>";
  readonly padId = 0;
  readonly unknownId = 1;
  readonly counts: Float64Array;
  readonly lowercase: boolean;
  private readonly vocabulary: Vocabulary;

  /** The vocabulary <pad>, <unk>, then `words` (distinct), with their counts (default 0). */
  constructor(
    words: readonly string[],
    options: { counts?: ArrayLike<number>; unknownCount?: number; lowercase?: boolean } = {},
  ) {
    const {
      counts = new Float64Array(words.length),
      unknownCount = 0,
      lowercase = false,
    } = options;
    if (counts.length !== words.length) {
      throw new RangeError(`WordVocabulary: ${words.length} words but ${counts.length} counts`);
    }
    this.vocabulary = new Vocabulary([WordVocabulary.PAD, WordVocabulary.UNKNOWN, ...words]);
    this.counts = new Float64Array(words.length + 2);
    this.counts[1] = unknownCount;
    this.counts.set(counts, 2);
    this.lowercase = lowercase;
  }

  /** Counts the words of the sentences and keeps the frequent ones. */
  static fromSentences(
    sentences: Iterable<readonly string[]>,
    options: WordVocabularyOptions = {},
  ): WordVocabulary {
    const { minCount = 1, maxSize = Infinity, lowercase = false } = options;
    if (!(minCount >= 1))
      throw new RangeError(`WordVocabulary: minCount must be ≥ 1, got ${minCount}`);
    if (!(maxSize >= 2)) {
      throw new RangeError(`WordVocabulary: maxSize must be ≥ 2 (<pad> and <unk>), got ${maxSize}`);
    }
    const counts = new Map<string, number>();
    let unknownCount = 0;
    for (const sentence of sentences) {
      for (const word of sentence) {
        const key = lowercase ? word.toLowerCase() : word;
        if (key === WordVocabulary.PAD || key === WordVocabulary.UNKNOWN) unknownCount++;
        else counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const ranked = [...counts].sort(
      ([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0),
    );
    const kept = ranked.filter(([, count]) => count >= minCount).slice(0, maxSize - 2);
    for (const [, count] of ranked.slice(kept.length)) unknownCount += count;
    return new WordVocabulary(
      kept.map(([word]) => word),
      { counts: kept.map(([, count]) => count), unknownCount, lowercase },
    );
  }

  /** All ids' tokens: "<pad>", "<unk>", then the words. */
  get tokens(): readonly string[] {
    return this.vocabulary.tokens;
  }

  get size(): number {
    return this.vocabulary.size;
  }

  /** The id of `word` (lower-cased first when the vocabulary is), or unknownId. */
  idOf(word: string): number {
    return this.vocabulary.indexOf(this.lowercase ? word.toLowerCase() : word) ?? this.unknownId;
  }

  /** The ids of a sentence's words. */
  encode(words: readonly string[]): Int32Array {
    return Int32Array.from(words, (word) => this.idOf(word));
  }

  /** The tokens of ids (padding included, as "<pad>"). */
  decode(ids: ArrayLike<number> | Tensor): string[] {
    return Array.from(
      checkedIds(ids, this.size, "WordVocabulary.decode"),
      (id) => this.tokens[id]!,
    );
  }

  toJSON(): WordVocabularyJson {
    return {
      kind: KIND,
      version: 1,
      lowercase: this.lowercase,
      words: this.tokens.slice(2),
      counts: Array.from(this.counts.subarray(2)),
      unknownCount: this.counts[1]!,
    };
  }

  /** The vocabulary saved by toJSON (an object or its JSON text); `source` starts errors. */
  static fromJSON(json: unknown, source = "WordVocabulary.fromJSON"): WordVocabulary {
    const record = readSaved(json, source, KIND, 1);
    const words = arrayField(record, "words", source);
    const counts = arrayField(record, "counts", source);
    const fail = (field: string, detail: string): never => {
      throw new TokenizerFormatError(source, field, detail);
    };
    const seen = new Set<unknown>([WordVocabulary.PAD, WordVocabulary.UNKNOWN]);
    words.forEach((word, i) => {
      if (typeof word !== "string")
        fail(`words[${i}]`, `expected a string, got ${describeValue(word)}`);
      if (seen.has(word)) fail(`words[${i}]`, `"${String(word)}" appears twice or is <pad>/<unk>`);
      seen.add(word);
    });
    if (counts.length !== words.length)
      fail("counts", `expected ${words.length} counts, got ${counts.length}`);
    counts.forEach((count, i) => {
      if (typeof count !== "number" || !(count >= 0))
        fail(`counts[${i}]`, `expected a count ≥ 0, got ${describeValue(count)}`);
    });
    const { unknownCount, lowercase } = record;
    if (typeof unknownCount !== "number" || !(unknownCount >= 0)) {
      fail("unknownCount", `expected a count ≥ 0, got ${describeValue(unknownCount)}`);
    }
    if (typeof lowercase !== "boolean")
      fail("lowercase", `expected true or false, got ${describeValue(lowercase)}`);
    return new WordVocabulary(words as string[], {
      counts: counts as number[],
      unknownCount: unknownCount as number,
      lowercase: lowercase as boolean,
    });
  }
}
