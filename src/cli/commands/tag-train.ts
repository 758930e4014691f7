// `gradus tag train`: a bidirectional LSTM tagger trained with optim.fit (a checkpoint per epoch, exact
// --resume, Ctrl-C), scored on the test sentences beside the most-frequent-tag baseline of the same run.
import { join } from "node:path";
import { data, Generator, nn, optim } from "../../node.js";
import { checkWritableParent, prepareOutputDirectory } from "../output-directory.js";
import { checkPlotFile } from "../plot-file.js";
import { trainingBar } from "../progress-bar.js";
import { checkResume } from "../resume-check.js";
import { catchInterrupts } from "../interrupt.js";
import { TagBatches, type EncodedSentence } from "./tag-batches.js";
import { loadTaggingCorpus } from "./tag-corpus.js";
import { scoreTagger, wordsOf } from "./tag-evaluate.js";
import { TagFeatures, WORD_SHAPES } from "./tag-features.js";
import { PosTagger } from "./tag-model.js";
import { SplitAdam } from "./tag-optimizer.js";
import { parseTagTrainFlags, type TagTrainFlags } from "./tag-train-flags.js";
import { reportTagTraining } from "./tag-report.js";
import { checkpointIn, saveTagger } from "./tag-saved.js";

/** Runs `gradus tag train` with the flags commander parsed. */
export async function runTagTrain(flags: TagTrainFlags): Promise<void> {
  const settings = parseTagTrainFlags(flags);
  const plotFile = flags.plot ?? join(flags.out, "loss.svg");
  checkPlotFile(plotFile);
  const corpus = await loadTaggingCorpus({
    ...(flags.data === undefined ? {} : { dataFile: flags.data }),
    ...(flags.test === undefined ? {} : { testFile: flags.test }),
    ...(settings.limitSentences === undefined ? {} : { limit: settings.limitSentences }),
  });
  const features = TagFeatures.fromSentences(corpus.train, {
    minCount: settings.minCount,
    suffixLength: settings.suffixLength,
  });
  const encode = (sentence: data.TaggedSentence): EncodedSentence => ({
    features: features.encode(sentence.words),
    tags: data.encodeLabels(sentence.tags, corpus.tags),
  });
  const generator = new Generator(settings.seed);
  const tagger = new PosTagger(
    {
      words: features.words.size,
      suffixes: features.suffixes.size,
      shapes: WORD_SHAPES.length,
      wordDim: settings.dim,
      suffixDim: settings.suffixDim,
      shapeDim: settings.shapeDim,
      hidden: settings.hidden,
      tags: corpus.tags,
    },
    generator,
  );
  const optimizer = new SplitAdam(tagger.parameterGroups(), settings.lr);
  const checkpointFile = checkpointIn(flags.out);
  const { epochs, lr, ...model } = settings;
  // what a --resume must match (the epoch count may grow; the learning rate is compared too)
  const run = {
    command: "tag train",
    corpus: corpus.source,
    test: flags.test,
    ...model,
    learningRate: lr,
  };
  const log = (line: string) => (flags.json === true ? undefined : console.log(line));
  const resumed = flags.resume === true ? await checkResume(checkpointFile, run) : null;
  if (resumed !== null) log(`resuming ${resumed.where} from ${checkpointFile}`);
  await prepareOutputDirectory("--out", flags.out);
  await checkWritableParent("--plot", plotFile);
  const validation =
    corpus.validation.length === 0
      ? undefined
      : new TagBatches(corpus.validation.map(encode), 128, null);
  const bar = trainingBar();
  const interrupt = catchInterrupts();
  const started = performance.now();
  let result: optim.FitResult;
  try {
    result = await optim.fit(tagger, {
      loader: new TagBatches(corpus.train.map(encode), settings.batchSize, generator),
      generator,
      loss: (scores, tags) => nn.crossEntropy(scores, tags),
      optimizer,
      epochs,
      metrics: { accuracy: optim.accuracy },
      ...(validation === undefined ? {} : { validation }),
      checkpoint: { path: checkpointFile, config: { ...run, lr } },
      ...(resumed === null ? {} : { resume: resumed.state }),
      progress: bar.reporter,
      signal: interrupt.signal,
      onEpoch: ({ epoch, loss, metrics }) => {
        if (bar.reporter !== false) return;
        const checked = metrics["validation.accuracy"];
        const shown = checked === undefined ? "" : `  validation accuracy ${checked.toFixed(4)}`;
        log(`epoch ${epoch}/${epochs}  loss ${loss.toFixed(4)}${shown}  (checkpoint saved)`);
      },
    });
  } finally {
    bar.stop();
    if (!interrupt.requested) interrupt.dispose();
  }
  const trainingSeconds = (performance.now() - started) / 1000;
  if (result.interrupted !== null) {
    const { epoch, batch } = result.interrupted;
    const at = batch === 0 ? `after epoch ${epoch}` : `in epoch ${epoch} after batch ${batch}`;
    console.error(`gradus: interrupted ${at}; saved ${checkpointFile} (continue with --resume)`);
    process.exitCode = interrupt.exitCode;
    return;
  }
  const scored = performance.now();
  const known = wordsOf(corpus.train);
  const test =
    corpus.test.length === 0
      ? null
      : {
          source: corpus.source === "brown" ? "brown test files" : (flags.test ?? ""),
          sentences: corpus.test.length,
          tagger: scoreTagger(tagger, features, corpus.test, (word) => known.has(word)),
          baseline: data.mostFrequentTagBaseline(corpus.train, corpus.test),
        };
  const results = {
    sentences: {
      train: corpus.train.length,
      validation: corpus.validation.length,
      test: corpus.test.length,
    },
    test,
    seconds: { training: trainingSeconds, testing: (performance.now() - scored) / 1000 },
  };
  const files = await saveTagger(flags.out, tagger, features, {
    training: { ...run, epochs },
    results,
  });
  await reportTagTraining({ flags, history: result, results, files, checkpointFile, plotFile });
}
