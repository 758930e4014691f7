// The sentences `gradus tag train` learns from: Brown's fixed split with universal tags, or word/TAG
// files of the user's (`--data`, `--test`), cut to the first N sentences of each part when asked.
import { readFile } from "node:fs/promises";
import { data, io } from "../../node.js";

/** Training, validation and test sentences, the tag set, and where they came from. */
export interface TaggingCorpus {
  readonly train: data.TaggedSentence[];
  readonly validation: data.TaggedSentence[];
  readonly test: data.TaggedSentence[];
  readonly tags: readonly string[];
  readonly source: string;
}

async function readTagged(file: string, flag: string): Promise<data.TaggedSentence[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`${flag} "${file}": cannot read it: ${io.describeFsError(error)}`);
  }
  return data.parseBrown(text, file);
}

/** The tags of the sentences: the universal tags when they cover them, else every tag seen, sorted. */
function tagSetOf(sentences: readonly data.TaggedSentence[]): string[] {
  const seen = new Set(sentences.flatMap((sentence) => sentence.tags));
  const universal: readonly string[] = data.UNIVERSAL_TAGS;
  if ([...seen].every((tag) => universal.includes(tag))) return [...universal];
  return [...seen].sort();
}

/**
 * Brown (400 training, 50 validation, 50 test files, universal tags) unless `dataFile` names a file
 * of sentences, one per line as `word/TAG` tokens (then `testFile`, if given, is the test part, and
 * there is no validation part). `limit` keeps the first N sentences of each part.
 */
export async function loadTaggingCorpus(options: {
  dataFile?: string;
  testFile?: string;
  limit?: number;
}): Promise<TaggingCorpus> {
  const { dataFile, testFile, limit } = options;
  const cut = (sentences: data.TaggedSentence[]) =>
    limit === undefined ? sentences : sentences.slice(0, limit);
  let parts: Omit<TaggingCorpus, "tags">;
  if (dataFile === undefined) {
    if (testFile !== undefined)
      throw new Error("--test needs --data (Brown has its own test files)");
    const brown = await data.loadBrown();
    parts = { train: brown.train, validation: brown.validation, test: brown.test, source: "brown" };
  } else {
    const train = await readTagged(dataFile, "--data");
    const test = testFile === undefined ? [] : await readTagged(testFile, "--test");
    parts = { train, validation: [], test, source: dataFile };
  }
  const train = cut(parts.train);
  if (train.length === 0) throw new Error(`the training corpus (${parts.source}) has no sentences`);
  const tags = tagSetOf(train);
  if (tags.length < 2)
    throw new Error(`the training corpus (${parts.source}) has only the tag "${tags[0]}"`);
  const test = cut(parts.test);
  for (const sentence of test) {
    const unknown = sentence.tags.find((tag) => !tags.includes(tag));
    if (unknown !== undefined)
      throw new Error(`the test sentences have the tag "${unknown}", which training never saw`);
  }
  return { ...parts, train, validation: cut(parts.validation), test, tags };
}
