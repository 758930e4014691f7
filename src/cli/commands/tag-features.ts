// What the part-of-speech tagger sees of each word: the lower-cased word, its last letters (a suffix,
// for words never seen in training) and its shape (capitals, digits, punctuation), all as ids.
import { data } from "../../node.js";

/** Word shapes: the case of the letters (with or without other symbols), numbers, punctuation. */
export const WORD_SHAPES = [
  "<pad>",
  "lower",
  "capitalized",
  "upper",
  "mixed",
  "lower+symbols",
  "capitalized+symbols",
  "upper+symbols",
  "mixed+symbols",
  "number",
  "letters+digits",
  "punctuation",
] as const;

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/**
 * The shape id of a word (an index in WORD_SHAPES): "Smith" capitalized, "U.S." upper+symbols,
 * "1,000" number, "3-D" letters+digits, "--" punctuation. A single capital ("I", "A") is capitalized.
 * @example WORD_SHAPES[wordShape("O'Brien")]; // "mixed+symbols"
 */
export function wordShape(word: string): number {
  const characters = [...word];
  const letters = characters.filter((character) => LETTER.test(character));
  const hasDigit = characters.some((character) => DIGIT.test(character));
  if (letters.length === 0) return hasDigit ? 9 : 11;
  if (hasDigit) return 10;
  const isUpper = (letter: string) => letter !== letter.toLowerCase();
  const uppers = letters.filter(isUpper).length;
  const casing =
    uppers === 0
      ? 1
      : uppers === 1 && isUpper(letters[0]!) && isUpper(characters[0]!)
        ? 2
        : uppers === letters.length
          ? 3
          : 4;
  return letters.length === characters.length ? casing : casing + 4;
}

/**
 * The last `length` characters of the lower-cased word (the whole word when shorter).
 * @example suffixOf("Walking", 3); // "ing"
 */
export function suffixOf(word: string, length: number): string {
  return [...word.toLowerCase()].slice(-length).join("");
}

/** One sentence as the tagger's three id sequences (each as long as the sentence). */
export interface TagFeatureIds {
  readonly words: Int32Array;
  readonly suffixes: Int32Array;
  readonly shapes: Int32Array;
}

/** The saved form of {@link TagFeatures} (DIR/vocabulary.json). */
export interface TagFeaturesJson {
  readonly kind: "gradus.tagger-vocabulary";
  readonly version: 1;
  readonly suffixLength: number;
  readonly words: data.WordVocabularyJson;
  readonly suffixes: data.WordVocabularyJson;
}

const KIND = "gradus.tagger-vocabulary";

/**
 * The word and suffix vocabularies of a tagger. Words and suffixes seen fewer than `minCount` times in
 * training become <unk>, so the model learns what to do with words it has never seen.
 * @example const features = TagFeatures.fromSentences(train, { minCount: 2, suffixLength: 3 }); features.encode(["The", "dog"]);
 */
export class TagFeatures {
  constructor(
    readonly words: data.WordVocabulary,
    readonly suffixes: data.WordVocabulary,
    readonly suffixLength: number,
  ) {}

  static fromSentences(
    sentences: readonly { readonly words: readonly string[] }[],
    options: { readonly minCount: number; readonly suffixLength: number },
  ): TagFeatures {
    const { minCount, suffixLength } = options;
    const texts = sentences.map((sentence) => sentence.words);
    const words = data.WordVocabulary.fromSentences(texts, { minCount, lowercase: true });
    const suffixes = data.WordVocabulary.fromSentences(
      texts.map((sentence) => sentence.map((word) => suffixOf(word, suffixLength))),
      { minCount },
    );
    return new TagFeatures(words, suffixes, suffixLength);
  }

  /** The ids of a sentence's words. */
  encode(words: readonly string[]): TagFeatureIds {
    return {
      words: this.words.encode(words),
      suffixes: Int32Array.from(words, (word) =>
        this.suffixes.idOf(suffixOf(word, this.suffixLength)),
      ),
      shapes: Int32Array.from(words, wordShape),
    };
  }

  toJSON(): TagFeaturesJson {
    return {
      kind: KIND,
      version: 1,
      suffixLength: this.suffixLength,
      words: this.words.toJSON(),
      suffixes: this.suffixes.toJSON(),
    };
  }

  /** The vocabularies saved by toJSON (an object or its JSON text); `source` names the file in errors. */
  static fromJSON(json: unknown, source: string): TagFeatures {
    const record = readSavedRecord(json, source);
    const { suffixLength } = record;
    if (typeof suffixLength !== "number" || !Number.isInteger(suffixLength) || suffixLength < 1)
      throw new Error(`${source}: field "suffixLength" must be a positive integer`);
    return new TagFeatures(
      data.WordVocabulary.fromJSON(record.words, `${source}: field "words"`),
      data.WordVocabulary.fromJSON(record.suffixes, `${source}: field "suffixes"`),
      suffixLength,
    );
  }
}

function readSavedRecord(json: unknown, source: string): Record<string, unknown> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json) as unknown;
    } catch {
      throw new Error(`${source}: not valid JSON`);
    }
  }
  const record = value as Record<string, unknown> | null;
  if (typeof record !== "object" || record === null || Array.isArray(record))
    throw new Error(`${source}: expected a JSON object`);
  if (record.kind !== KIND || record.version !== 1)
    throw new Error(`${source}: not a tagger vocabulary (kind "${KIND}", version 1)`);
  return record;
}
