// Vocabulary: token ↔ column index, built from token counts with a minimum count and a maximum size.

export interface VocabularyOptions {
  /** Keep tokens seen at least this many times in all documents together (default 1). */
  readonly minCount?: number;
  /** Keep at most this many tokens, the most frequent ones (default: all). */
  readonly maxSize?: number;
}

/** A vocabulary as JSON, to save with a model. */
export interface VocabularyJson {
  readonly tokens: readonly string[];
}

/**
 * Tokens numbered 0 … size − 1: by descending count, ties in code-unit order of the token, so the
 * same documents give the same vocabulary whatever their order.
 * @example
 * const vocabulary = Vocabulary.fromDocuments([["spam", "ham"], ["spam"]]);
 * vocabulary.tokens; // ["spam", "ham"]
 */
export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly positions: ReadonlyMap<string, number>;

  /** A vocabulary of exactly these tokens, in this order (they must be distinct). */
  constructor(tokens: readonly string[]) {
    const positions = new Map<string, number>();
    tokens.forEach((token, index) => {
      if (typeof token !== "string")
        throw new TypeError(`Vocabulary: token ${index} is not a string`);
      if (positions.has(token)) {
        throw new Error(
          `Vocabulary: token "${token}" appears twice (at ${positions.get(token)} and ${index})`,
        );
      }
      positions.set(token, index);
    });
    this.tokens = Object.freeze([...tokens]);
    this.positions = positions;
  }

  /** Counts the tokens of tokenised documents and keeps the frequent ones. */
  static fromDocuments(
    documents: Iterable<readonly string[]>,
    options: VocabularyOptions = {},
  ): Vocabulary {
    const { minCount = 1, maxSize = Infinity } = options;
    if (!(minCount >= 1)) throw new RangeError(`Vocabulary: minCount must be ≥ 1, got ${minCount}`);
    if (!(maxSize >= 0)) throw new RangeError(`Vocabulary: maxSize must be ≥ 0, got ${maxSize}`);
    const counts = new Map<string, number>();
    for (const document of documents) {
      for (const token of document) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    const kept = [...counts].filter(([, count]) => count >= minCount);
    kept.sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
    return new Vocabulary(kept.slice(0, maxSize).map(([token]) => token));
  }

  get size(): number {
    return this.tokens.length;
  }

  /** The column of `token`, or undefined when it is not in the vocabulary. */
  indexOf(token: string): number | undefined {
    return this.positions.get(token);
  }

  toJSON(): VocabularyJson {
    return { tokens: [...this.tokens] };
  }

  /**
   * The vocabulary saved by toJSON (as an object or its JSON text), checked.
   * @example Vocabulary.fromJSON(JSON.stringify(vocabulary)).size === vocabulary.size; // true
   */
  static fromJSON(json: unknown): Vocabulary {
    const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
    const tokens = (value as { tokens?: unknown } | null)?.tokens;
    if (!Array.isArray(tokens)) {
      throw new TypeError("Vocabulary.fromJSON: expected an object with a tokens array");
    }
    return new Vocabulary(tokens as string[]);
  }
}
