// `gradus train`: a model on CSV/JSONL data or on MNIST, with progress bars, per-epoch checkpoints,
// --resume, a test report and a loss/accuracy plot.
import { join } from "node:path";
import type { Command } from "commander";
import { Generator, optim } from "../../node.js";
import {
  buildModel,
  logitsOf,
  lossOf,
  predictRows,
  targetsOf,
  type FeatureRows,
  type ModelConfig,
  type ModelKind,
} from "../model-config.js";
import type { PreparedData } from "../prepared-data.js";
import { checkWritableParent, prepareOutputDirectory } from "../output-directory.js";
import { checkPlotFile, writePlot } from "../plot-file.js";
import { trainingBar } from "../progress-bar.js";
import { checkResume } from "../resume-check.js";
import { CHECKPOINT_FILE, saveModel } from "../saved-model.js";
import { printJson } from "../table.js";
import { catchInterrupts } from "../interrupt.js";
import {
  checkDataFlags,
  loadTrainingData,
  withDataDefaults,
  type DataFlags,
  type DefaultedFlags,
} from "../training-data.js";
import { trainModel } from "../training-run.js";
import { autoLearningRate, makeOptimizer, parseModel, parseSettings } from "../training-options.js";

interface TrainFlags extends DataFlags, Partial<DefaultedFlags> {
  readonly model: string;
  readonly seed: string;
  readonly out: string;
  readonly testFraction: string;
  readonly resume?: boolean;
  readonly plot?: string;
  readonly json?: boolean;
}

/** Adds `train` to the program. */
export function registerTrain(program: Command): void {
  program
    .command("train")
    .description(
      "train a classifier on CSV/JSONL data (a text column → TF-IDF, else numeric columns) or on MNIST",
    )
    .option("--data <file>", "CSV with a header row, or JSONL (.jsonl)")
    .option("--dataset <name>", "a built-in dataset instead of --data: mnist (8,000/2,000 digits)")
    .option("--limit <n>", "with --dataset: n training digits and ⌈n/4⌉ test digits, at random")
    .option("--model <kind>", "logreg, softmax, mlp or cnn (28×28 images)", "logreg")
    .option("--optimizer <name>", "sgd or adam (default: sgd; adam with --dataset)")
    .option(
      "--lr <rate>",
      'learning rate, or "auto" (0.9/L by power iteration) (default: auto; 0.001 with --dataset)',
    )
    .option("--batch-size <n>", 'samples per step, or "full" (default: 32; 64 with --dataset)')
    .option("--epochs <n>", "passes over the training data (default: 10; 8 with --dataset)")
    .option("--seed <n>", "seed of the split, the initialisation and the batch order", "0")
    .option("--out <dir>", "where the model, checkpoint and plot go", "gradus-output")
    .option("--label-column <name>", "the column holding the class", "label")
    .option("--text-column <name>", "the column holding text (TF-IDF features)")
    .option(
      "--hidden <sizes>",
      "hidden layer sizes of the MLP, comma-separated; the cnn's head width (default: 32; 128 with --dataset)",
    )
    .option("--test-fraction <f>", "fraction of the data held out for the test report", "0.2")
    .option("--resume", "continue from DIR/checkpoint.safetensors")
    .option("--plot <file>", "loss and accuracy curves (.svg or .png; default DIR/loss.svg)")
    .option("--json", "print the result as JSON")
    .action((flags: TrainFlags) => runTrain(flags));
}

async function runTrain(given: TrainFlags): Promise<void> {
  checkDataFlags(given);
  const flags = withDataDefaults(given);
  const kind = parseModel(flags.model);
  const settings = parseSettings(flags);
  const testFraction = Number(flags.testFraction);
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new Error(`--test-fraction expects a number in [0, 1), got "${flags.testFraction}"`);
  }
  const hidden = flags.hidden.split(",").map((size) => Number(size));
  if (!hidden.every((size) => Number.isInteger(size) && size > 0)) {
    throw new Error(
      `--hidden expects positive integers separated by commas, got "${flags.hidden}"`,
    );
  }
  const plotFile = flags.plot ?? join(flags.out, "loss.svg");
  checkPlotFile(plotFile);
  const { prepared, source } = await loadTrainingData(flags, {
    testFraction,
    seed: settings.seed,
    note: (line) => console.error(`gradus: ${line}`),
  });
  const features =
    "cols" in prepared.train.rows ? prepared.train.rows.cols : prepared.train.rows.shape[1]!;
  const config: ModelConfig = {
    model: kind,
    features,
    classes: prepared.classes,
    hidden: kind === "mlp" || kind === "cnn" ? hidden : [],
    seed: settings.seed,
  };
  const model = buildModel(config);
  const generator = new Generator(settings.seed);
  const checkpointFile = join(flags.out, CHECKPOINT_FILE);
  const trainingConfig = { ...config, settings: { ...settings, epochs: null }, data: source };
  const log = (line: string) => (flags.json === true ? undefined : console.log(line));
  const resumed = flags.resume === true ? await checkResume(checkpointFile, trainingConfig) : null;
  if (resumed !== null) log(`resuming ${resumed.where} from ${checkpointFile}`);
  await prepareOutputDirectory("--out", flags.out);
  await checkWritableParent("--plot", plotFile);
  const lr =
    resumed?.lr ??
    (settings.lr === "auto"
      ? autoLearningRate(model, settings, () => {
          // a cnn's full-batch Hessian products would hold every image's activations: 512 rows
          const { rows, labels } = curvatureSample(kind, prepared.train);
          return lossOf(config)(logitsOf(model, config, rows), targetsOf(config, labels));
        })
      : settings.lr);
  if (settings.lr === "auto" && resumed === null) log(`--lr auto: α = ${lr.toPrecision(4)}`);
  const bar = trainingBar();
  const interrupt = catchInterrupts();
  let history, interrupted;
  try {
    ({ history, interrupted } = await trainModel({
      model,
      config,
      optimizer: makeOptimizer(model, settings, lr),
      generator,
      rows: prepared.train.rows,
      labels: prepared.train.labels,
      test: prepared.test,
      batchSize: settings.batchSize,
      epochs: settings.epochs,
      checkpoint: { path: checkpointFile, config: { ...trainingConfig, lr } },
      ...(resumed === null ? {} : { resume: resumed.state }),
      progress: bar.reporter,
      signal: interrupt.signal,
      onEpoch: (epoch, loss, accuracy, testAccuracy) => {
        const test = testAccuracy === null ? "" : `  test accuracy ${testAccuracy.toFixed(4)}`;
        if (bar.reporter === false)
          log(
            `epoch ${epoch}/${settings.epochs}  loss ${loss.toFixed(4)}  accuracy ${accuracy.toFixed(4)}${test}  (checkpoint saved)`,
          );
      },
    }));
  } finally {
    bar.stop();
    // After a stop, later signals are still caught until the process exits (a third one quits).
    if (!interrupt.requested) interrupt.dispose();
  }
  if (interrupted !== null) {
    const { epoch, batch } = interrupted;
    const at = batch === 0 ? `after epoch ${epoch}` : `in epoch ${epoch} after batch ${batch}`;
    console.error(`gradus: interrupted ${at}; saved ${checkpointFile} (continue with --resume)`);
    process.exitCode = interrupt.exitCode;
    return;
  }
  const { classes } = predictRows(model, config, prepared.test.rows);
  const report = optim.classificationReport(classes, prepared.test.labels, config.classes.length);
  const modelFile = await saveModel(flags.out, model, config, prepared.spec);
  const epochs = history.loss.map((_, i) => i + 1);
  const plot = await writePlot(plotFile, {
    title: `training: ${kind}, ${settings.optimizer}, lr ${lr.toPrecision(3)}`,
    x: { title: "epoch" },
    y: { title: "value" },
    series: [
      { name: "loss", points: epochs.map((epoch, i) => [epoch, history.loss[i]!]) },
      { name: "accuracy", points: epochs.map((epoch, i) => [epoch, history.accuracy[i]!]) },
      ...(history.testAccuracy === undefined
        ? []
        : [
            {
              name: "test accuracy",
              points: epochs.map((epoch, i): [number, number] => [
                epoch,
                history.testAccuracy![i]!,
              ]),
            },
          ]),
    ],
  });
  if (plot.note !== null) console.error(`gradus: ${plot.note}`);
  if (flags.json === true) {
    printJson({
      config,
      lr,
      epochs: history.loss.length,
      history,
      test: report,
      model: modelFile,
      checkpoint: checkpointFile,
      plot: plot.written ? plotFile : null,
    });
    return;
  }
  log(`test: ${optim.formatReport(report)}`);
  log(`wrote ${[modelFile, checkpointFile, ...(plot.written ? [plotFile] : [])].join(", ")}`);
}

/** The rows --lr auto estimates curvature on: all of them, or the first 512 for a cnn. */
function curvatureSample(
  kind: ModelKind,
  train: PreparedData["train"],
): { rows: FeatureRows; labels: Int32Array } {
  const count = 512;
  if (kind !== "cnn" || "cols" in train.rows || train.rows.shape[0]! <= count) return train;
  return { rows: train.rows.slice(0, 0, count), labels: train.labels.subarray(0, count) };
}
