// `gradus tag train | predict | eval`: the part-of-speech tagger (a bidirectional LSTM on Brown's
// universal tags) trained, applied to text, and scored on tagged sentences beside the baseline.
import type { Command } from "commander";
import { runTagEval, runTagPredict } from "./tag-predict.js";
import { runTagTrain } from "./tag-train.js";

/** Adds `tag` and its subcommands to the program. */
export function registerTag(program: Command): void {
  const tag = program
    .command("tag")
    .description(
      "part-of-speech tagging: a bidirectional LSTM over word embeddings, universal tags (Brown)",
    );
  tag
    .command("train")
    .description(
      "train the tagger on Brown's 400 training files (12 universal tags: NOUN VERB ADJ ADV PRON DET ADP NUM CONJ PRT . X), " +
        "score it on the 50 test files beside the most-frequent-tag baseline",
    )
    .option("--epochs <n>", "passes over the training sentences", "3")
    .option("--batch-size <n>", "sentences per step", "32")
    .option(
      "--lr <rate>",
      "learning rate (Adam for the LSTM, SparseAdam for the embeddings)",
      "0.002",
    )
    .option("--dim <n>", "word embedding size", "64")
    .option("--suffix-dim <n>", "embedding size of the 3-letter suffixes", "32")
    .option("--hidden <n>", "LSTM hidden size per direction", "64")
    .option("--min-count <n>", "words and suffixes seen fewer times become <unk>", "2")
    .option("--seed <n>", "seed of the initialisation and the batch order", "0")
    .option("--out <dir>", "where the model, checkpoint and plot go", "gradus-tagger")
    .option(
      "--data <file>",
      "train on this file instead of Brown: one sentence per line, word/TAG tokens",
    )
    .option("--test <file>", "with --data: the test sentences, in the same format")
    .option("--limit-sentences <n>", "keep the first n sentences of each part (a quick run)")
    .option("--resume", "continue from DIR/checkpoint.safetensors")
    .option("--plot <file>", "loss and accuracy curves (.svg or .png; default DIR/loss.svg)")
    .option("--json", "print the result as JSON")
    .action((flags) => runTagTrain(flags));
  tag
    .command("predict")
    .description("tag the lines of FILE (or of stdin): word/TAG per word, one sentence per line")
    .argument("[file]", "text, one sentence per line; stdin when absent")
    .requiredOption("--model <dir>", "directory written by gradus tag train")
    .option("--json", "print [{ words, tags }] as JSON")
    .action((file: string | undefined, flags) => runTagPredict(file, flags));
  tag
    .command("eval")
    .description(
      "token accuracy of a saved tagger on Brown's test files (or --data) beside the baseline",
    )
    .requiredOption("--model <dir>", "directory written by gradus tag train")
    .option(
      "--data <file>",
      "tagged sentences (one per line, word/TAG tokens) instead of Brown's test files",
    )
    .option("--json", "print the scores as JSON")
    .action((flags) => runTagEval(flags));
}
