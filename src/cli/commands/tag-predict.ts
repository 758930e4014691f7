// `gradus tag predict` (text in, word/TAG out) and `gradus tag eval` (a saved tagger's token accuracy on
// Brown's test files beside the most-frequent-tag baseline, or on a file of tagged sentences).
import { readFile } from "node:fs/promises";
import { data, io } from "../../node.js";
import { printJson } from "../table.js";
import { predictTags, scoreTagger, wordsOf } from "./tag-evaluate.js";
import { formatScores } from "./tag-report.js";
import { loadTagger } from "./tag-saved.js";
import { tokenizeLine } from "./tag-tokenize.js";

interface PredictFlags {
  readonly model: string;
  readonly json?: boolean;
}

interface EvalFlags {
  readonly model: string;
  readonly data?: string;
  readonly json?: boolean;
}

async function readText(file: string | undefined): Promise<string> {
  if (file !== undefined) {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      throw new Error(`tag predict: cannot read "${file}": ${io.describeFsError(error)}`);
    }
  }
  if (process.stdin.isTTY === true)
    throw new Error("tag predict: give a FILE or pipe text into stdin (one sentence per line)");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Tags every line of the text: `word/TAG` tokens (blank lines stay blank), or JSON. */
export async function runTagPredict(file: string | undefined, flags: PredictFlags): Promise<void> {
  const { tagger, features } = await loadTagger(flags.model);
  const lines = (await readText(file)).split(/\r?\n/u);
  if (lines.at(-1) === "") lines.pop();
  const sentences = lines.map(tokenizeLine);
  if (sentences.every((words) => words.length === 0))
    throw new Error(`tag predict: ${file ?? "stdin"} has no words to tag`);
  const predicted = predictTags(
    tagger,
    sentences.map((words) => features.encode(words)),
  );
  const tagged = sentences.map((words, i) => ({
    words,
    tags: Array.from(predicted[i]!, (id) => tagger.config.tags[id]!),
  }));
  if (flags.json === true) {
    printJson(tagged.filter(({ words }) => words.length > 0));
    return;
  }
  for (const { words, tags } of tagged)
    console.log(words.map((word, i) => `${word}/${tags[i]!}`).join(" "));
}

/** Scores a saved tagger: on Brown's test files with the baseline, or on `--data` alone. */
export async function runTagEval(flags: EvalFlags): Promise<void> {
  const { tagger, features } = await loadTagger(flags.model);
  let scores;
  if (flags.data === undefined) {
    const brown = await data.loadBrown();
    const known = wordsOf(brown.train);
    scores = {
      source: "brown test files",
      sentences: brown.test.length,
      tagger: scoreTagger(tagger, features, brown.test, (word) => known.has(word)),
      baseline: data.mostFrequentTagBaseline(brown.train, brown.test),
    };
  } else {
    let text: string;
    try {
      text = await readFile(flags.data, "utf8");
    } catch (error) {
      throw new Error(`--data "${flags.data}": cannot read it: ${io.describeFsError(error)}`);
    }
    const test = data.parseBrown(text, flags.data);
    if (test.length === 0) throw new Error(`--data "${flags.data}" has no sentences`);
    // without the training sentences, "unknown" means outside the tagger's vocabulary
    const unknownId = features.words.unknownId;
    const isKnown = (word: string) => features.words.idOf(word) !== unknownId;
    scores = {
      source: flags.data,
      sentences: test.length,
      tagger: scoreTagger(tagger, features, test, isKnown),
      baseline: null,
    };
  }
  if (flags.json === true) printJson(scores);
  else for (const line of formatScores(scores)) console.log(line);
}
