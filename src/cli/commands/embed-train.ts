// `gradus embed train`: skip-gram with negative sampling on Brown (or a text file) through optim.fit,
// SparseAdam on the two row-sparse tables, a checkpoint per epoch, exact --resume, probe neighbours.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { data, Generator, io, optim } from "../../node.js";
import { catchInterrupts } from "../interrupt.js";
import { checkWritableParent, prepareOutputDirectory } from "../output-directory.js";
import { checkPlotFile, writePlot } from "../plot-file.js";
import { trainingBar } from "../progress-bar.js";
import { checkResume } from "../resume-check.js";
import { printJson } from "../table.js";
import { SkipGramBatches, SkipGramModel, skipGramLoss } from "./embed-model.js";
import { nearestNeighbours, saveEmbeddings, type Neighbour } from "./embed-saved.js";
import { fractionFlag, integerFlag, limitFlag, MAX_WIDTH, positiveFlag } from "./tag-options.js";
import { tokenizeLine } from "./tag-tokenize.js";

/** The flags as commander gives them. */
export interface EmbedTrainFlags {
  readonly epochs: string;
  readonly dim: string;
  readonly window: string;
  readonly negatives: string;
  readonly minCount: string;
  readonly subsample: string;
  readonly batchSize: string;
  readonly lr: string;
  readonly seed: string;
  readonly out: string;
  readonly probe: string;
  readonly data?: string;
  readonly limitSentences?: string;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly plot?: string;
}

/** Brown's 57,340 sentences (all 500 files: the embeddings are not scored on a held-out part) or a file's lines. */
async function sentencesOf(file: string | undefined): Promise<string[][]> {
  if (file === undefined) {
    const brown = await data.loadBrown();
    return [...brown.train, ...brown.validation, ...brown.test].map((sentence) => [
      ...sentence.words,
    ]);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--data "${file}": cannot read it: ${io.describeFsError(error)}`);
  }
  return text
    .split(/\r?\n/u)
    .map(tokenizeLine)
    .filter((words) => words.length > 0);
}

/** Runs `gradus embed train` with the flags commander parsed. */
export async function runEmbedTrain(flags: EmbedTrainFlags): Promise<void> {
  const limit = limitFlag(flags.limitSentences);
  const settings = {
    dim: integerFlag("--dim", flags.dim, 1, MAX_WIDTH),
    window: integerFlag("--window", flags.window, 1, 100),
    negatives: integerFlag("--negatives", flags.negatives, 1, 100),
    minCount: integerFlag("--min-count", flags.minCount),
    subsample: fractionFlag("--subsample", flags.subsample),
    batchSize: integerFlag("--batch-size", flags.batchSize),
    seed: integerFlag("--seed", flags.seed, 0),
  };
  const epochs = integerFlag("--epochs", flags.epochs);
  const lr = positiveFlag("--lr", flags.lr);
  const probes = flags.probe.split(",").filter((word) => word.trim() !== "");
  const plotFile = flags.plot ?? join(flags.out, "loss.svg");
  checkPlotFile(plotFile);
  const all = await sentencesOf(flags.data);
  const sentences = limit === undefined ? all : all.slice(0, limit);
  const source = flags.data ?? "brown";
  if (sentences.length === 0) throw new Error(`embed train: ${source} has no sentences`);
  const vocabulary = data.WordVocabulary.fromSentences(sentences, {
    minCount: settings.minCount,
    lowercase: true,
  });
  if (vocabulary.size < 3)
    throw new Error(
      `embed train: no word of ${source} occurs --min-count ${settings.minCount} times`,
    );
  const generator = new Generator(settings.seed);
  const model = new SkipGramModel({ words: vocabulary.size, dim: settings.dim }, generator);
  const loader = new data.SkipGramLoader(
    sentences.map((words) => vocabulary.encode(words)),
    vocabulary,
    {
      window: settings.window,
      negatives: settings.negatives,
      subsample: settings.subsample,
      batchSize: settings.batchSize,
      shuffle: true,
      generator,
    },
  );
  const optimizer = new optim.SparseAdam(model.parameters(), { lr });
  const checkpointFile = join(flags.out, "checkpoint.safetensors");
  const run = { command: "embed train", corpus: source, limit: limit ?? null, ...settings };
  const log = (line: string) => (flags.json === true ? undefined : console.log(line));
  const resumed = flags.resume === true ? await checkResume(checkpointFile, run) : null;
  if (resumed !== null) log(`resuming ${resumed.where} from ${checkpointFile}`);
  await prepareOutputDirectory("--out", flags.out);
  await checkWritableParent("--plot", plotFile);
  log(
    `${sentences.length} sentences, ${vocabulary.size - 2} words seen ≥ ${settings.minCount} times`,
  );
  const bar = trainingBar();
  const interrupt = catchInterrupts();
  const started = performance.now();
  let result: optim.FitResult;
  try {
    result = await optim.fit(model, {
      loader: new SkipGramBatches(loader),
      generator,
      loss: skipGramLoss,
      optimizer,
      epochs,
      checkpoint: { path: checkpointFile, config: { ...run, lr } },
      ...(resumed === null ? {} : { resume: resumed.state }),
      progress: bar.reporter,
      signal: interrupt.signal,
      onEpoch: ({ epoch, loss }) => {
        if (bar.reporter === false)
          log(`epoch ${epoch}/${epochs}  loss ${loss.toFixed(4)}  (checkpoint saved)`);
      },
    });
  } finally {
    bar.stop();
    if (!interrupt.requested) interrupt.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.interrupted !== null) {
    const { epoch, batch } = result.interrupted;
    const at = batch === 0 ? `after epoch ${epoch}` : `in epoch ${epoch} after batch ${batch}`;
    console.error(`gradus: interrupted ${at}; saved ${checkpointFile} (continue with --resume)`);
    process.exitCode = interrupt.exitCode;
    return;
  }
  const saved = {
    vectors: model.vectors.dataSync() as Float32Array,
    dim: settings.dim,
    vocabulary,
  };
  const neighbours: Record<string, Neighbour[]> = {};
  for (const word of probes) {
    if (vocabulary.idOf(word) > vocabulary.unknownId)
      neighbours[word] = nearestNeighbours(saved, word, 8);
  }
  const results = { sentences: sentences.length, words: vocabulary.size - 2, seconds, neighbours };
  const files = await saveEmbeddings(flags.out, model, vocabulary, {
    training: { ...run, epochs, lr },
    results,
  });
  const plot = await writePlot(
    plotFile,
    {
      title: `skip-gram with negative sampling (d = ${settings.dim}, k = ${settings.negatives})`,
      x: { title: "epoch" },
      y: { title: "loss per pair" },
      series: [{ name: "training loss", points: result.loss.map((loss, i) => [i + 1, loss]) }],
    },
    flags.plot !== undefined,
  );
  if (plot.note !== null) console.error(`gradus: ${plot.note}`);
  const written = [...files, checkpointFile, ...(plot.written ? [plotFile] : [])];
  if (flags.json === true) {
    printJson({
      epochs: result.loss.length,
      history: { loss: result.loss },
      ...results,
      files: written,
    });
    return;
  }
  log(`trained in ${seconds.toFixed(1)} s`);
  for (const [word, list] of Object.entries(neighbours))
    log(`  ${word}: ${list.map((n) => n.word).join(", ")}`);
  log(`wrote ${written.join(", ")}`);
}
