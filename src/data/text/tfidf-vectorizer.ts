// TF-IDF as in scikit-learn: smooth idf = ln((1 + n)/(1 + df)) + 1, optional sublinear tf, l2-normalised rows.
import type { CsrMatrix, SparseDType } from "../../tensor/sparse/csr-matrix.js";
import { bagOfWords, notFitted, type CountOptions } from "./count-vectorizer.js";
import { makeTokenizer } from "./tokenize.js";
import { Vocabulary } from "./vocabulary.js";

export interface TfidfOptions extends CountOptions {
  /** Replace tf by 1 + ln(tf) (default false). */
  readonly sublinearTf?: boolean;
  /** Add one document containing every term: idf = ln((1 + n)/(1 + df)) + 1 (default true), else ln(n/df) + 1. */
  readonly smoothIdf?: boolean;
  /** Scale each row to unit Euclidean length (default "l2"). */
  readonly norm?: "l2" | "none";
}

/** A fitted TF-IDF vectoriser as JSON (options, vocabulary and idf weights), to save with a model. */
export interface TfidfJson {
  readonly options: TfidfOptions;
  readonly tokens: readonly string[];
  readonly idf: readonly number[];
}

/** The idf weight of each column of a count matrix (df = the number of rows where it is stored). */
export function inverseDocumentFrequency(counts: CsrMatrix, smoothIdf = true): Float64Array {
  const documentFrequency = new Float64Array(counts.cols);
  for (let p = 0; p < counts.nnz; p++) documentFrequency[counts.indices[p]!]! += 1;
  const n = counts.rows;
  const s = smoothIdf ? 1 : 0;
  return documentFrequency.map((df) => Math.log((n + s) / (df + s)) + 1);
}

/** Reweights counts: tf (or 1 + ln tf) · idf per entry, then each row divided by its l2 norm. */
export function tfidfTransform(
  counts: CsrMatrix,
  idf: Float64Array,
  options: Pick<TfidfOptions, "sublinearTf" | "norm"> = {},
): CsrMatrix {
  const values = counts.values.map((tf, p) => {
    const weight = options.sublinearTf === true ? 1 + Math.log(tf) : tf;
    return weight * idf[counts.indices[p]!]!;
  });
  const weighted = counts.withValues(values);
  return (options.norm ?? "l2") === "l2" ? normalizeRows(weighted) : weighted;
}

/** Each row divided by its Euclidean norm (rows without entries stay empty). */
export function normalizeRows(matrix: CsrMatrix): CsrMatrix {
  const values = matrix.values.slice();
  for (let i = 0; i < matrix.rows; i++) {
    const [start, end] = [matrix.indptr[i]!, matrix.indptr[i + 1]!];
    let squares = 0;
    for (let p = start; p < end; p++) squares += values[p]! * values[p]!;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let p = start; p < end; p++) values[p] = values[p]! / norm;
  }
  return matrix.withValues(values);
}

/**
 * Texts → TF-IDF rows: `fit` learns the vocabulary and idf weights, `transform` applies them.
 * @example const X = new data.TfidfVectorizer({ stopWords: "english", minCount: 2 }).fitTransform(texts);
 */
export class TfidfVectorizer {
  vocabulary: Vocabulary | null = null;
  idf: Float64Array | null = null;
  private readonly tokenizer: (text: string) => string[];

  constructor(readonly options: TfidfOptions = {}) {
    this.tokenizer = makeTokenizer(options);
  }

  fit(texts: readonly string[]): this {
    this.fitTransform(texts);
    return this;
  }

  transform(texts: readonly string[]): CsrMatrix {
    if (this.vocabulary === null || this.idf === null) throw notFitted("TfidfVectorizer");
    const counts = bagOfWords(texts.map(this.tokenizer), this.vocabulary, this.countOptions());
    return tfidfTransform(counts, this.idf, this.options);
  }

  fitTransform(texts: readonly string[]): CsrMatrix {
    const documents = texts.map(this.tokenizer);
    this.vocabulary = Vocabulary.fromDocuments(documents, this.options);
    const counts = bagOfWords(documents, this.vocabulary, this.countOptions());
    this.idf = inverseDocumentFrequency(counts, this.options.smoothIdf ?? true);
    return tfidfTransform(counts, this.idf, this.options);
  }

  toJSON(): TfidfJson {
    if (this.vocabulary === null || this.idf === null) throw notFitted("TfidfVectorizer");
    const { stopWords } = this.options;
    // A Set of stop words would serialise as {}: save it as a list.
    const options =
      stopWords instanceof Set ? { ...this.options, stopWords: [...stopWords] } : this.options;
    return { options, tokens: [...this.vocabulary.tokens], idf: [...this.idf] };
  }

  /** The vectoriser saved by toJSON (an object or its JSON text), ready to transform. */
  static fromJSON(json: unknown): TfidfVectorizer {
    const value = (typeof json === "string" ? JSON.parse(json) : json) as Partial<TfidfJson> | null;
    const vocabulary = Vocabulary.fromJSON(value);
    if (!Array.isArray(value?.idf) || value.idf.length !== vocabulary.size) {
      throw new TypeError(`TfidfVectorizer.fromJSON: expected idf with ${vocabulary.size} numbers`);
    }
    const vectorizer = new TfidfVectorizer(value.options ?? {});
    vectorizer.vocabulary = vocabulary;
    vectorizer.idf = Float64Array.from(value.idf);
    return vectorizer;
  }

  private countOptions(): { dtype: SparseDType; binary: boolean } {
    return { dtype: this.options.dtype ?? "float32", binary: this.options.binary ?? false };
  }
}

/**
 * Fits a TF-IDF vectoriser on `texts` and returns their features with it (to transform test texts).
 * @example const { features, vectorizer } = data.tfidf(trainTexts); vectorizer.transform(testTexts);
 */
export function tfidf(
  texts: readonly string[],
  options: TfidfOptions = {},
): { features: CsrMatrix; vectorizer: TfidfVectorizer } {
  const vectorizer = new TfidfVectorizer(options);
  return { features: vectorizer.fitTransform(texts), vectorizer };
}
