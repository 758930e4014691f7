// Tokenizers and word vocabularies as JSON files (Node only): written whole or not at all, read back checked.
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import type { BpeTokenizer } from "../text/bpe-tokenizer.js";
import type { CharTokenizer } from "../text/char-tokenizer.js";
import { tokenizerFromJSON } from "../text/tokenizer-from-json.js";
import { TokenizerFormatError } from "../text/tokenizer-format.js";
import { WordVocabulary } from "../text/word-vocabulary.js";

/** Writes JSON text beside the target, then renames it over: a reader never sees half a file. */
async function writeJson(path: string, value: object): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(value)}\n`, "utf8");
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new Error(`cannot write "${path}": ${(error as Error).message}`, { cause: error });
  }
}

async function readJsonText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TokenizerFormatError(
      path,
      undefined,
      `cannot read the file (${code ?? (error as Error).message})`,
    );
  }
}

/**
 * Saves a BPE or character tokenizer as JSON (its `kind` field says which).
 * @example await data.saveTokenizer("bpe-4000.json", bpe);
 */
export async function saveTokenizer(
  path: string,
  tokenizer: BpeTokenizer | CharTokenizer,
): Promise<void> {
  await writeJson(path, tokenizer.toJSON());
}

/**
 * The tokenizer in a JSON file saved by saveTokenizer; a file of another format throws a
 * TokenizerFormatError naming the file and the field at fault.
 * @example const bpe = await data.loadTokenizer("bpe-4000.json"); bpe.decode(bpe.encode("hi")); // "hi"
 */
export async function loadTokenizer(path: string): Promise<BpeTokenizer | CharTokenizer> {
  return tokenizerFromJSON(await readJsonText(path), path);
}

/**
 * Saves a word vocabulary (words, counts, <unk>'s count) as JSON.
 * @example await data.saveWordVocabulary("words.json", vocabulary);
 */
export async function saveWordVocabulary(path: string, vocabulary: WordVocabulary): Promise<void> {
  await writeJson(path, vocabulary.toJSON());
}

/**
 * The word vocabulary in a JSON file saved by saveWordVocabulary, checked like loadTokenizer.
 * @example (await data.loadWordVocabulary("words.json")).idOf("the"); // 2
 */
export async function loadWordVocabulary(path: string): Promise<WordVocabulary> {
  return WordVocabulary.fromJSON(await readJsonText(path), path);
}
