// `gradus lm train`: a transformer or LSTM language model on Brown (or a text file), with a progress
// bar, a checkpoint per epoch, --resume, validation perplexity per epoch, a loss plot and --json.
import { join } from "node:path";
import { checkWritableParent, prepareOutputDirectory } from "../output-directory.js";
import { checkPlotFile, writePlot } from "../plot-file.js";
import { trainingBar } from "../progress-bar.js";
import { checkResume } from "../resume-check.js";
import { printJson } from "../table.js";
import { catchInterrupts } from "../interrupt.js";
import { loadLmCorpus } from "./corpus.js";
import { parseLmSettings, type LmTrainFlags } from "./options.js";
import { LM_FILES, saveLanguageModel } from "./saved-model.js";
import { tokenizeCorpus } from "./tokens.js";
import { prepareLmRun, trainLm, validationLoss } from "./training.js";
import { lossPlot } from "./loss-plot.js";

const perplexity = (loss: number): number => Math.exp(loss);
const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

/** Runs `gradus lm train` with the flags commander parsed. */
export async function runLmTrain(flags: LmTrainFlags): Promise<void> {
  const started = performance.now();
  const settings = parseLmSettings(flags);
  const plotFile = flags.plot ?? join(flags.out, "loss.svg");
  checkPlotFile(plotFile);
  const log = (line: string) => (flags.json === true ? undefined : console.log(line));
  const corpus = await loadLmCorpus(settings.corpus, settings.limit);
  const tokens = tokenizeCorpus(corpus, settings.tokenizer, settings.context);
  const { kind } = settings.tokenizer;
  const tokenizerName = kind === "bpe" ? `bpe:${tokens.tokenizer.vocabSize}` : "char";
  log(
    `corpus ${corpus.name}: ${corpus.words.train} training and ${corpus.words.validation} validation words; ` +
      `tokenizer ${tokenizerName}: ${tokens.train.length} and ${tokens.validation.length} tokens`,
  );
  const run = prepareLmRun(settings, corpus, tokens);
  const parameters = run.model.parameters().reduce((total, p) => total + p.size, 0);
  const checkpointFile = join(flags.out, LM_FILES.checkpoint);
  const { lr: _lr, ...compared } = run.description;
  const resumed = flags.resume === true ? await checkResume(checkpointFile, compared) : null;
  await prepareOutputDirectory("--out", flags.out);
  await checkWritableParent("--plot", plotFile);
  const initialLoss = validationLoss(run);
  log(
    `model ${settings.model}: ${parameters} parameters; validation perplexity before training ${perplexity(initialLoss).toFixed(1)}`,
  );
  if (resumed !== null) log(`resuming ${resumed.where} from ${checkpointFile}`);
  const batchLosses: [number, number][] = [];
  const bar = trainingBar();
  const interrupt = catchInterrupts();
  const trainingStarted = performance.now();
  let result;
  try {
    result = await trainLm(run, settings.epochs, {
      checkpoint: { path: checkpointFile, config: run.description },
      ...(resumed === null ? {} : { resume: resumed.state }),
      progress: bar.reporter,
      signal: interrupt.signal,
      onBatch: ({ epoch, batch, batches, loss }) =>
        batchLosses.push([epoch - 1 + batch / batches, loss]),
      onEpoch: ({ epoch, loss, validationLoss: validation }) =>
        log(
          `epoch ${epoch}/${settings.epochs}  loss ${loss.toFixed(4)}  validation loss ${validation!.toFixed(4)}  validation perplexity ${perplexity(validation!).toFixed(2)}  (checkpoint saved)`,
        ),
    });
  } finally {
    bar.stop();
    if (!interrupt.requested) interrupt.dispose();
  }
  if (result.interrupted !== null) {
    const { epoch, batch } = result.interrupted;
    const at = batch === 0 ? `after epoch ${epoch}` : `in epoch ${epoch} after batch ${batch}`;
    console.error(`gradus: interrupted ${at}; saved ${checkpointFile} (continue with --resume)`);
    process.exitCode = interrupt.exitCode;
    return;
  }
  const trainingSeconds = seconds(trainingStarted);
  const history = {
    loss: result.loss,
    validationLoss: result.validationLoss,
    validationPerplexity: result.validationLoss.map(perplexity),
  };
  const final = result.validationLoss.at(-1)!;
  const record = {
    corpus: { name: corpus.name, words: corpus.words, limit: settings.limit },
    tokens: { train: tokens.train.length, validation: tokens.validation.length },
    settings,
    history,
    validationPerplexity: perplexity(final),
  };
  const [modelFile, tokenizerFile, configFile] = await saveLanguageModel(
    flags.out,
    run.model,
    run.config,
    tokens.tokenizer,
    record,
  );
  const plot = await writePlot(
    plotFile,
    lossPlot(settings.model, batchLosses, initialLoss, history),
  );
  if (plot.note !== null) console.error(`gradus: ${plot.note}`);
  const files = {
    model: modelFile!,
    tokenizer: tokenizerFile!,
    config: configFile!,
    checkpoint: checkpointFile,
    plot: plot.written ? plotFile : null,
  };
  if (flags.json === true) {
    printJson({
      ...record,
      vocabSize: run.config.vocabSize,
      parameters,
      initialValidationPerplexity: perplexity(initialLoss),
      seconds: { training: trainingSeconds, total: seconds(started) },
      files,
    });
    return;
  }
  log(
    `validation perplexity ${perplexity(final).toFixed(2)} (from ${perplexity(initialLoss).toFixed(1)}); training took ${trainingSeconds} s`,
  );
  log(
    `wrote ${Object.values(files)
      .filter((file) => file !== null)
      .join(", ")}`,
  );
}
