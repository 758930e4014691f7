// The Brown corpus's text format (one sentence a line, `word/tag` tokens) and its fixed split by file.
import { DataFormatError } from "../readers/data-format-error.js";
import type { TaggedSentence } from "../text/most-frequent-tag.js";

/** The three parts of the Brown split. */
export type BrownPart = "train" | "validation" | "test";

/**
 * Which part file number `index` (0-based, files in name order ca01 … cr09) belongs to: validation when
 * index mod 10 = 8, test when index mod 10 = 9, training otherwise. That is 400 / 50 / 50 files, each
 * part drawing on every genre in proportion (the files are sorted by genre, a … r), and no file's
 * sentences are in two parts.
 * @example brownPart(9); // "test"
 */
export function brownPart(index: number): BrownPart {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`brownPart: the file index must be a non-negative integer, got ${index}`);
  }
  const position = index % 10;
  return position === 8 ? "validation" : position === 9 ? "test" : "train";
}

/**
 * The sentences of one corpus file: every non-blank line is a sentence of space-separated `word/tag`
 * tokens, split at the last "/" (words such as "1/2" keep theirs). Tags stay as written (lower case,
 * e.g. "nn-tl"); `source` names the file in errors.
 * @example parseBrown("\tThe/at jury/nn ./.\n", "ca01")[0]!.tags; // ["at", "nn", "."]
 */
export function parseBrown(text: string, source: string): TaggedSentence[] {
  const sentences: TaggedSentence[] = [];
  text.split("\n").forEach((line, index) => {
    const tokens = line.split(/\s+/).filter((token) => token.length > 0);
    if (tokens.length === 0) return;
    const words: string[] = [];
    const tags: string[] = [];
    for (const token of tokens) {
      const slash = token.lastIndexOf("/");
      if (slash <= 0 || slash === token.length - 1) {
        throw new DataFormatError(source, index + 1, `token "${token}" is not word/tag`);
      }
      words.push(token.slice(0, slash));
      tags.push(token.slice(slash + 1));
    }
    sentences.push({ words, tags });
  });
  return sentences;
}

/**
 * Sentences as one text for language modelling and tokenizer training: words joined by spaces,
 * sentences by newlines (Brown's tokenisation kept: "``" and "''" for quotes, punctuation apart).
 * @example sentencesToText([{ words: ["Hi", "."], tags: ["uh", "."] }]); // "Hi ."
 */
export function sentencesToText(
  sentences: readonly { readonly words: readonly string[] }[],
): string {
  return sentences.map((sentence) => sentence.words.join(" ")).join("\n");
}
