// A character tokenizer: one id per code point seen in the corpus, then the special tokens.
import type { Tensor } from "../../tensor/tensor.js";
import { checkSpecialTokens, splitOnSpecialTokens } from "./special-tokens.js";
import { checkedIds, specialId, type Tokenizer } from "./tokenizer.js";
import { arrayField, describeValue, readSaved, TokenizerFormatError } from "./tokenizer-format.js";

export interface CharTrainOptions {
  /** Strings kept whole as one token each (default none). */
  readonly specialTokens?: readonly string[];
  /**
   * A special token that characters outside the vocabulary become (added to the special tokens if
   * missing). Without one, encoding an unseen character throws.
   */
  readonly unknownToken?: string;
}

/** A character tokenizer as JSON. */
export interface CharTokenizerJson {
  readonly kind: "gradus.char-tokenizer";
  readonly version: 1;
  readonly characters: string[];
  readonly specialTokens: string[];
  readonly unknownToken: string | null;
}

const KIND = "gradus.char-tokenizer";

/**
 * Ids 0 … n − 1 are the corpus's characters (code points, a lone surrogate counting as one) in
 * code-point order, then the special tokens. `decode(encode(s)) === s` whenever s has no unseen
 * character.
 * @example
 * const chars = CharTokenizer.train(["hello"], { unknownToken: "<unk>" });
 * chars.encode("hole!"); // Int32Array [1, 3, 2, 0, 4]: h o l e, then "!" as <unk>
 */
export class CharTokenizer implements Tokenizer {
  readonly characters: readonly string[];
  readonly specialTokens: readonly string[];
  readonly unknownToken: string | undefined;
  private readonly ids = new Map<string, number>();

  constructor(characters: readonly string[], options: CharTrainOptions = {}) {
    const fail = (what: string, detail: string): never => {
      throw new RangeError(`CharTokenizer: ${what}: ${detail}`);
    };
    checkCharacters(characters, (i, detail) => fail(`character ${i}`, detail)).forEach((c, id) =>
      this.ids.set(c, id),
    );
    const { specialTokens = [], unknownToken } = options;
    const specials = [...specialTokens];
    if (unknownToken !== undefined && !specials.includes(unknownToken)) specials.push(unknownToken);
    this.specialTokens = Object.freeze(
      checkSpecialTokens(specials, (i, detail) => fail(`special token ${i}`, detail)),
    );
    this.characters = Object.freeze([...characters]);
    this.unknownToken = unknownToken;
  }

  /** The characters of `texts` (outside special tokens), sorted by code point. */
  static train(texts: Iterable<string>, options: CharTrainOptions = {}): CharTokenizer {
    const { specialTokens = [], unknownToken } = options;
    const specials = unknownToken === undefined ? specialTokens : [...specialTokens, unknownToken];
    const seen = new Set<string>();
    let textCount = 0;
    for (const text of texts) {
      if (typeof text !== "string") {
        throw new TypeError(`CharTokenizer.train: text ${textCount} is not a string`);
      }
      textCount++;
      for (const piece of splitOnSpecialTokens(text, specials)) {
        if (typeof piece === "string") for (const character of piece) seen.add(character);
      }
    }
    if (seen.size === 0) {
      throw new RangeError(
        `CharTokenizer.train: the corpus is empty (${textCount} texts, no characters outside special tokens)`,
      );
    }
    const characters = [...seen].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    return new CharTokenizer(characters, options);
  }

  get vocabSize(): number {
    return this.characters.length + this.specialTokens.length;
  }

  encode(text: string): Int32Array {
    const ids: number[] = [];
    const unknown =
      this.unknownToken === undefined ? undefined : this.specialTokenId(this.unknownToken);
    for (const piece of splitOnSpecialTokens(text, this.specialTokens)) {
      if (typeof piece === "number") {
        ids.push(this.characters.length + piece);
        continue;
      }
      for (const character of piece) {
        const id = this.ids.get(character) ?? unknown;
        if (id === undefined) {
          const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
          throw new RangeError(
            `CharTokenizer.encode: character "${character}" (U+${code}) is not in the vocabulary and there is no unknownToken`,
          );
        }
        ids.push(id);
      }
    }
    return Int32Array.from(ids);
  }

  decode(ids: ArrayLike<number> | Tensor): string {
    const values = checkedIds(ids, this.vocabSize, "CharTokenizer.decode");
    const count = this.characters.length;
    let text = "";
    for (let i = 0; i < values.length; i++) {
      const id = values[i]!;
      text += id < count ? this.characters[id]! : this.specialTokens[id - count]!;
    }
    return text;
  }

  specialTokenId(token: string): number {
    return specialId(
      this.specialTokens,
      this.characters.length,
      token,
      "CharTokenizer.specialTokenId",
    );
  }

  toJSON(): CharTokenizerJson {
    return {
      kind: KIND,
      version: 1,
      characters: [...this.characters],
      specialTokens: [...this.specialTokens],
      unknownToken: this.unknownToken ?? null,
    };
  }

  /** The tokenizer saved by toJSON (an object or its JSON text); `source` (a file name) starts errors. */
  static fromJSON(json: unknown, source = "CharTokenizer.fromJSON"): CharTokenizer {
    const record = readSaved(json, source, KIND, 1);
    const at = (field: string) => (i: number, detail: string) => {
      throw new TokenizerFormatError(source, `${field}[${i}]`, detail);
    };
    const characters = checkCharacters(arrayField(record, "characters", source), at("characters"));
    const specials = checkSpecialTokens(
      arrayField(record, "specialTokens", source),
      at("specialTokens"),
    );
    const unknown = record.unknownToken;
    if (unknown !== null && (typeof unknown !== "string" || !specials.includes(unknown))) {
      throw new TokenizerFormatError(
        source,
        "unknownToken",
        `expected null or one of the special tokens, got ${describeValue(unknown)}`,
      );
    }
    return new CharTokenizer(characters, {
      specialTokens: specials,
      ...(unknown === null ? {} : { unknownToken: unknown }),
    });
  }
}

/** The characters, checked: distinct strings of one code point each. */
function checkCharacters(
  characters: readonly unknown[],
  fail: (index: number, detail: string) => never,
): string[] {
  const seen = new Set<string>();
  characters.forEach((character, index) => {
    if (typeof character !== "string" || [...character].length !== 1) {
      fail(index, `expected one character (code point), got ${describeValue(character)}`);
    }
    if (seen.has(character)) fail(index, `"${character}" appears twice`);
    seen.add(character);
  });
  return [...seen];
}
