// `gradus demo` (npm start): a spam filter on SpamAssassin — TF-IDF, logistic regression, mini-batch SGD.
import { join } from "node:path";
import type { Command } from "commander";
import { Generator, data, optim } from "../../node.js";
import type { FeatureSpec } from "../features.js";
import {
  buildModel,
  logitsOf,
  lossOf,
  predictRows,
  targetsOf,
  type ModelConfig,
} from "../model-config.js";
import { prepareOutputDirectory } from "../output-directory.js";
import { writePlot } from "../plot-file.js";
import { trainingBar } from "../progress-bar.js";
import { CHECKPOINT_FILE, saveModel } from "../saved-model.js";
import { printJson } from "../table.js";
import { catchInterrupts } from "../interrupt.js";
import { trainModel } from "../training-run.js";
import { autoLearningRate, makeOptimizer, parseSettings } from "../training-options.js";
import { parseInteger } from "../point-option.js";

interface DemoFlags {
  readonly epochs: string;
  readonly batchSize: string;
  readonly lr: string;
  readonly seed: string;
  readonly out: string;
  readonly top: string;
  readonly json?: boolean;
}

/** Adds `demo` to the program. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "train a spam filter on SpamAssassin (TF-IDF + logistic regression, mini-batch SGD)",
    )
    .option("--epochs <n>", "passes over the training mails", "20")
    .option("--batch-size <n>", "mails per SGD step", "32")
    .option("--lr <rate>", 'learning rate, or "auto" (0.9/L by power iteration)', "auto")
    .option("--seed <n>", "seed of the split and the batch order", "0")
    .option("--out <dir>", "where the model, checkpoint and plots go", "gradus-output")
    .option("--top <n>", "how many spam and ham words to show", "12")
    .option("--json", "print the result as JSON")
    .action((flags: DemoFlags) => runDemo(flags));
}

async function runDemo(flags: DemoFlags): Promise<void> {
  const started = performance.now();
  const settings = parseSettings({ ...flags, optimizer: "sgd" });
  const top = parseInteger("--top", flags.top);
  const log = (line: string) => (flags.json === true ? undefined : console.log(line));
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const { train, test } = await data.loadSpamAssassin({ seed: settings.seed, testFraction: 0.2 });
  const vectorizer = new data.TfidfVectorizer({
    stopWords: "english",
    minCount: 2,
    sublinearTf: true,
  });
  const trainRows = vectorizer.fitTransform(train.texts);
  const testRows = vectorizer.transform(test.texts);
  const tokens = vectorizer.vocabulary!.tokens;
  const toLabels = (labels: { dataSync(): ArrayLike<number> }) =>
    Int32Array.from(labels.dataSync());
  const [trainLabels, testLabels] = [toLabels(train.labels), toLabels(test.labels)];
  log(
    `SpamAssassin: ${train.texts.length} training and ${test.texts.length} test mails, ` +
      `${tokens.length} TF-IDF features (sparse, ${trainRows.nnz} stored entries) — ${seconds()} s`,
  );
  const config: ModelConfig = {
    model: "logreg",
    features: tokens.length,
    classes: ["ham", "spam"],
    hidden: [],
    seed: settings.seed,
  };
  const model = buildModel(config);
  const targets = targetsOf(config, trainLabels);
  const lr =
    settings.lr === "auto"
      ? autoLearningRate(model, settings, () =>
          lossOf(config)(logitsOf(model, config, trainRows), targets),
        )
      : settings.lr;
  log(
    `logistic regression, mini-batch SGD: batch ${String(settings.batchSize)}, lr ${lr.toPrecision(4)}${settings.lr === "auto" ? " (0.9/L, L by power iteration)" : ""}, ${settings.epochs} epochs`,
  );
  await prepareOutputDirectory("--out", flags.out);
  const bar = trainingBar();
  const interrupt = catchInterrupts();
  const checkpointFile = join(flags.out, CHECKPOINT_FILE);
  let history, interrupted;
  try {
    ({ history, interrupted } = await trainModel({
      model,
      config,
      optimizer: makeOptimizer(model, settings, lr),
      generator: new Generator(settings.seed),
      rows: trainRows,
      labels: trainLabels,
      batchSize: settings.batchSize,
      epochs: settings.epochs,
      checkpoint: { path: checkpointFile, config },
      progress: bar.reporter,
      signal: interrupt.signal,
    }));
  } finally {
    bar.stop();
    if (!interrupt.requested) interrupt.dispose();
  }
  if (interrupted !== null) {
    const { epoch, batch } = interrupted;
    const at = batch === 0 ? `after epoch ${epoch}` : `in epoch ${epoch} after batch ${batch}`;
    console.error(`gradus: demo interrupted ${at}; the checkpoint is in ${checkpointFile}`);
    process.exitCode = interrupt.exitCode;
    return;
  }
  const predicted = predictRows(model, config, testRows).classes;
  const report = optim.classificationReport(predicted, testLabels, 2);
  const weights = model.stateDict().weight!.dataSync();
  const order = Array.from(weights.keys()).sort((a, b) => weights[b]! - weights[a]!);
  const word = (i: number) => ({ word: tokens[i]!, weight: weights[i]! });
  const spamWords = order.slice(0, top).map(word);
  const hamWords = order.slice(-top).reverse().map(word);
  const spec: FeatureSpec = { kind: "text", column: "text", tfidf: vectorizer.toJSON() };
  const modelFile = await saveModel(flags.out, model, config, spec);
  const plot = {
    title: "SpamAssassin: logistic regression, mini-batch SGD",
    x: { title: "epoch" },
    y: { title: "training loss / accuracy" },
    series: [
      { name: "loss", points: history.loss.map((value, i) => [i + 1, value] as const) },
      { name: "accuracy", points: history.accuracy.map((value, i) => [i + 1, value] as const) },
    ],
  };
  const plots: string[] = [];
  for (const file of [join(flags.out, "loss.svg"), join(flags.out, "loss.png")]) {
    const { written, note } = await writePlot(file, plot);
    if (note !== null) console.error(`gradus: ${note}`);
    if (written) plots.push(file);
  }
  if (flags.json === true) {
    printJson({
      lr,
      history,
      test: report,
      spamWords,
      hamWords,
      model: modelFile,
      plots,
      seconds: Number(seconds()),
    });
    return;
  }
  log(`epoch losses: ${history.loss.map((value) => value.toFixed(4)).join(", ")}`);
  log(`\ntest: ${optim.formatReport(report)}`);
  const list = (words: { word: string; weight: number }[]) =>
    words.map((w) => `${w.word} (${w.weight.toFixed(2)})`).join(", ");
  log(`top spam words: ${list(spamWords)}`);
  log(`top ham words:  ${list(hamWords)}`);
  log(`\nwrote ${[modelFile, ...plots].join(", ")} — ${seconds()} s in all`);
  log(`try: echo "win a free prize now" | gradus predict --model ${flags.out}`);
}
