// `gradus embed train | neighbours`: word2vec's skip-gram with negative sampling on Brown, and the
// cosine nearest neighbours of a word in the trained vectors.
import type { Command } from "commander";
import { printJson } from "../table.js";
import { runEmbedTrain } from "./embed-train.js";
import { loadEmbeddings, nearestNeighbours } from "./embed-saved.js";
import { integerFlag } from "./tag-options.js";

/** Adds `embed` and its subcommands to the program. */
export function registerEmbed(program: Command): void {
  const embed = program
    .command("embed")
    .description("word embeddings: skip-gram with negative sampling (word2vec) on Brown");
  embed
    .command("train")
    .description(
      "train word vectors on Brown's 57,340 sentences (lower-cased), sparse updates of the touched rows",
    )
    .option("--epochs <n>", "passes over the corpus", "5")
    .option("--dim <n>", "vector size", "100")
    .option("--window <n>", "largest distance between centre and context word", "5")
    .option("--negatives <n>", "noise words per pair (drawn from count^0.75)", "5")
    .option("--min-count <n>", "words seen fewer times are left out", "5")
    .option(
      "--subsample <t>",
      "word2vec's subsampling threshold of frequent words (0: none)",
      "0.001",
    )
    .option("--batch-size <n>", "pairs per step", "1024")
    .option("--lr <rate>", "SparseAdam's learning rate", "0.005")
    .option("--seed <n>", "seed of the initialisation, pairs and noise words", "0")
    .option(
      "--out <dir>",
      "where the vectors, vocabulary, checkpoint and plot go",
      "gradus-embeddings",
    )
    .option(
      "--probe <words>",
      "comma-separated words whose neighbours are printed at the end",
      "said,city,good,water,king",
    )
    .option("--data <file>", "train on this text instead of Brown (one sentence per line)")
    .option("--limit-sentences <n>", "keep the first n sentences (a quick run)")
    .option("--resume", "continue from DIR/checkpoint.safetensors")
    .option("--plot <file>", "the loss curve (.svg or .png; default DIR/loss.svg)")
    .option("--json", "print the result as JSON")
    .action((flags) => runEmbedTrain(flags));
  embed
    .command("neighbours")
    .alias("neighbors")
    .description("the words whose vectors are closest to WORD's (cosine similarity)")
    .argument("<word>", "a word of the vocabulary (lower-cased, as trained)")
    .option("--model <dir>", "directory written by gradus embed train", "gradus-embeddings")
    .option("--k <n>", "how many neighbours", "10")
    .option("--json", "print [{ word, cosine }] as JSON")
    .action(async (word: string, flags: { model: string; k: string; json?: boolean }) => {
      const k = integerFlag("--k", flags.k, 1, 10_000);
      const neighbours = nearestNeighbours(await loadEmbeddings(flags.model), word, k);
      if (flags.json === true) printJson(neighbours);
      else
        for (const { word: other, cosine } of neighbours)
          console.log(`${other}\t${cosine.toFixed(4)}`);
    });
}
