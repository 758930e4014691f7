// `gradus lm train` and `gradus lm sample`: a transformer or LSTM language model on the Brown corpus.
import type { Command } from "commander";
import { runLmSample, type LmSampleFlags } from "../lm/sample-command.js";
import { runLmTrain } from "../lm/train-command.js";
import type { LmTrainFlags } from "../lm/options.js";

/** Adds `lm` with its two subcommands to the program. */
export function registerLm(program: Command): void {
  const lm = program
    .command("lm")
    .description("train a language model on the Brown corpus, and sample text from it");
  lm.command("train")
    .description(
      "train a transformer or LSTM language model; validation perplexity per epoch, a checkpoint per epoch",
    )
    .option(
      "--corpus <name>",
      "brown (400/50 training/validation files) or a UTF-8 text file",
      "brown",
    )
    .option("--model <kind>", "transformer or lstm", "transformer")
    .option("--tokenizer <spec>", "bpe:N (byte-level BPE with N ids) or char", "bpe:4000")
    .option(
      "--limit <n>",
      "the first n training files of Brown (and ⌈n/8⌉ validation files), or the first n lines of a text file",
    )
    .option(
      "--context <n>",
      "tokens per training window (the transformer's position table) (default: 128)",
    )
    .option("--batch-size <n>", "windows per step (default: 16)")
    .option("--epochs <n>", "passes over the training windows (default: 1)")
    .option("--lr <rate>", "Adam's learning rate (default: 0.001 transformer, 0.002 lstm)")
    .option(
      "--d-model <n>",
      "embedding width (and the LSTM's state) (default: 128 transformer, 256 lstm)",
    )
    .option("--layers <n>", "transformer blocks or LSTM layers (default: 2)")
    .option("--heads <n>", "attention heads of the transformer (default: 4)")
    .option("--dropout <p>", "dropout probability (default: 0)")
    .option(
      "--clip <norm>",
      "clip the gradients' global norm to this before each step (default: 1)",
    )
    .option("--seed <n>", "seed of the initial weights, the batch order and dropout", "0")
    .option("--out <dir>", "where the model, tokenizer, checkpoint and plot go", "gradus-lm")
    .option("--resume", "continue from DIR/checkpoint.safetensors")
    .option("--plot <file>", "loss curves (.svg or .png; default DIR/loss.svg)")
    .option("--json", "print the result as JSON")
    .action((flags: LmTrainFlags) => runLmTrain(flags));
  lm.command("sample")
    .description("continue a prompt with text sampled from a model saved by lm train")
    .requiredOption("--model <dir>", "a directory written by gradus lm train")
    .requiredOption("--prompt <text>", "the text to continue")
    .option("--temperature <t>", "divides the logits; 0 picks the most likely token", "1")
    .option("--top-k <k>", "sample among the k most likely tokens only (default: all)")
    .option("--max-tokens <n>", "tokens to add", "100")
    .option("--seed <n>", "seed of the sampling", "0")
    .option("--json", "print the result as JSON")
    .action((flags: LmSampleFlags) => runLmSample(flags));
}
