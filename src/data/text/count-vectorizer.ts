// Bag of words: token counts per document as a CSR matrix over a vocabulary, and the fitted vectoriser.
import { CsrMatrix, type SparseDType } from "../../tensor/sparse/csr-matrix.js";
import { makeTokenizer, type TokenizeOptions } from "./tokenize.js";
import { Vocabulary, type VocabularyOptions } from "./vocabulary.js";

export interface CountOptions extends TokenizeOptions, VocabularyOptions {
  /** Element type of the matrices (default float32). */
  readonly dtype?: SparseDType;
  /** Record presence (1) instead of counts (default false). */
  readonly binary?: boolean;
}

/**
 * The [documents, vocabulary.size] matrix of token counts; tokens outside the vocabulary are ignored.
 * @example bagOfWords([["a", "b", "a"]], new Vocabulary(["a", "b"])).toDense().toArray(); // [[2, 1]]
 */
export function bagOfWords(
  documents: readonly (readonly string[])[],
  vocabulary: Vocabulary,
  options: { readonly dtype?: SparseDType; readonly binary?: boolean } = {},
): CsrMatrix {
  const rows = documents.map((tokens) => {
    const counts = new Map<number, number>();
    for (const token of tokens) {
      const column = vocabulary.indexOf(token);
      if (column !== undefined)
        counts.set(column, options.binary === true ? 1 : (counts.get(column) ?? 0) + 1);
    }
    return counts;
  });
  return CsrMatrix.fromRows(rows, vocabulary.size, options.dtype ?? "float32");
}

/** Thrown when a vectoriser is used before fit. */
export function notFitted(name: string): Error {
  return new Error(`${name}: call fit (or fitTransform) before transform`);
}

/**
 * Texts → token counts: `fit` learns the vocabulary, `transform` counts with it.
 * @example const counts = new data.CountVectorizer({ minCount: 2 }).fitTransform(texts); // CsrMatrix
 */
export class CountVectorizer {
  vocabulary: Vocabulary | null = null;
  private readonly tokenizer: (text: string) => string[];

  constructor(readonly options: CountOptions = {}) {
    this.tokenizer = makeTokenizer(options);
  }

  /** The tokens of one text with this vectoriser's options. */
  tokenize(text: string): string[] {
    return this.tokenizer(text);
  }

  fit(texts: readonly string[]): this {
    this.vocabulary = Vocabulary.fromDocuments(texts.map(this.tokenizer), this.options);
    return this;
  }

  transform(texts: readonly string[]): CsrMatrix {
    if (this.vocabulary === null) throw notFitted("CountVectorizer");
    return bagOfWords(texts.map(this.tokenizer), this.vocabulary, this.options);
  }

  fitTransform(texts: readonly string[]): CsrMatrix {
    const documents = texts.map(this.tokenizer);
    this.vocabulary = Vocabulary.fromDocuments(documents, this.options);
    return bagOfWords(documents, this.vocabulary, this.options);
  }
}
