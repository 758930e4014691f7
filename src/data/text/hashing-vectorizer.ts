// The hashing trick: token → column murmur3(token) mod numFeatures, no vocabulary to fit or store.
import { CsrMatrix, type SparseDType } from "../../tensor/sparse/csr-matrix.js";
import { murmur3 } from "./murmur3.js";
import { normalizeRows } from "./tfidf-vectorizer.js";
import { makeTokenizer, type TokenizeOptions } from "./tokenize.js";

export interface HashingOptions extends TokenizeOptions {
  /** The number of columns (default 2²⁰, as scikit-learn). */
  readonly numFeatures?: number;
  /** Add ±1 by the hash's sign so collisions cancel in expectation (default true, scikit-learn's alternate_sign). */
  readonly signed?: boolean;
  /** Scale each row to unit Euclidean length (default "l2"). */
  readonly norm?: "l2" | "none";
  readonly seed?: number;
  readonly dtype?: SparseDType;
}

/**
 * Texts → hashed token counts. Stateless: the same options always give the same columns, so it needs
 * no fit and handles unseen words; distinct tokens may share a column (a collision).
 * @example new data.HashingVectorizer({ numFeatures: 1024 }).transform(["free money"]).shape; // [1, 1024]
 */
export class HashingVectorizer {
  readonly numFeatures: number;
  private readonly tokenizer: (text: string) => string[];

  constructor(readonly options: HashingOptions = {}) {
    this.numFeatures = options.numFeatures ?? 2 ** 20;
    if (!(
      Number.isInteger(this.numFeatures) &&
      this.numFeatures >= 1 &&
      this.numFeatures <= 2 ** 31
    )) {
      throw new RangeError(
        `HashingVectorizer: numFeatures must be an integer in [1, 2³¹], got ${this.numFeatures}`,
      );
    }
    this.tokenizer = makeTokenizer(options);
  }

  /** The column and sign (+1 or −1) of a token: |h| mod numFeatures and the sign of h as a signed int32. */
  columnOf(token: string): { column: number; sign: number } {
    const h = murmur3(token, this.options.seed ?? 0) | 0;
    const sign = this.options.signed === false || h >= 0 ? 1 : -1;
    return { column: Math.abs(h) % this.numFeatures, sign };
  }

  transform(texts: readonly string[]): CsrMatrix {
    const rows = texts.map((text) => {
      const row = new Map<number, number>();
      for (const token of this.tokenizer(text)) {
        const { column, sign } = this.columnOf(token);
        row.set(column, (row.get(column) ?? 0) + sign);
      }
      return row;
    });
    const counts = CsrMatrix.fromRows(rows, this.numFeatures, this.options.dtype ?? "float32");
    if ((this.options.norm ?? "l2") === "none") return counts;
    return normalizeRows(counts);
  }
}
