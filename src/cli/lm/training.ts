// One `gradus lm train` run as functions (the CLI and the PyTorch twin's driver share them): the model
// and optimizer of the settings, window batches in a seeded order, and optim.fit with validation.
import { Generator, data, nn, noGrad, optim, type Tensor } from "../../node.js";
import { buildLanguageModel, type LanguageModel, type LmModelConfig } from "./config.js";
import type { LmCorpus } from "./corpus.js";
import type { LmSettings } from "./options.js";
import type { LmTokens } from "./tokens.js";
import { WindowDataset } from "./window-loader.js";

/** A run ready to train: the model (initialised from the seed), its optimizer and both loaders. */
export interface LmRun {
  readonly config: LmModelConfig;
  readonly model: LanguageModel;
  readonly optimizer: optim.Optimizer;
  readonly loader: data.DataLoader<[Tensor, Tensor]>;
  readonly validation: data.DataLoader<[Tensor, Tensor]>;
  /** What the checkpoint stores and a resume compares (settings, corpus and tokenizer fingerprints). */
  readonly description: Record<string, unknown>;
}

/** The model config the settings describe (feed-forward 4·dModel, tied input and output embeddings). */
export function modelConfigOf(settings: LmSettings, vocabSize: number): LmModelConfig {
  const isTransformer = settings.model === "transformer";
  return {
    model: settings.model,
    vocabSize,
    dModel: settings.dModel,
    layers: settings.layers,
    heads: settings.heads,
    dimFeedforward: isTransformer ? 4 * settings.dModel : null,
    context: settings.context,
    dropout: settings.dropout,
    tieWeights: true,
  };
}

/** Mean next-token cross-entropy over every position: logits [B, T, V], targets [B, T]. */
export function languageModelLoss(logits: Tensor, targets: Tensor): Tensor {
  const vocabSize = logits.shape[logits.rank - 1]!;
  return nn.crossEntropy(
    logits.reshape([targets.size, vocabSize]),
    targets.reshape([targets.size]),
  );
}

/** Adam whose step first clips the global gradient norm (PyTorch: clip_grad_norm_ then step). */
function clippedAdam(model: LanguageModel, lr: number, maxNorm: number): optim.Optimizer {
  const adam = new optim.Adam(model.parameters(), { lr });
  return {
    parameters: adam.parameters,
    get stepCount() {
      return adam.stepCount;
    },
    get learningRate() {
      return adam.learningRate;
    },
    step() {
      optim.clipGradNorm(adam.parameters, maxNorm);
      adam.step();
    },
    zeroGrad: () => adam.zeroGrad(),
    stateDict: () => adam.stateDict(),
    loadStateDict: (state) => adam.loadStateDict(state),
  };
}

/**
 * The model of the settings (weights from Generator(seed)), Adam with clipping, the training windows
 * shuffled by Generator(seed + 1) and the validation windows in order. Dropout masks are drawn from a
 * generator reseeded from (seed, step) before every batch, so a resumed run draws the same masks.
 * @example const run = prepareLmRun(settings, corpus, tokens); await trainLm(run, settings.epochs, {});
 */
export function prepareLmRun(settings: LmSettings, corpus: LmCorpus, tokens: LmTokens): LmRun {
  const config = modelConfigOf(settings, tokens.tokenizer.vocabSize);
  const generator = new Generator(settings.seed);
  const model = buildLanguageModel(config, generator);
  const optimizer = clippedAdam(model, settings.lr, settings.clip);
  const reseed = () =>
    generator.seed(data.murmur3(`dropout ${settings.seed} ${optimizer.stepCount}`));
  const windows = new WindowDataset(tokens.train, settings.context, reseed);
  const loader = new data.DataLoader(windows, {
    batchSize: settings.batchSize,
    shuffle: true,
    generator: new Generator(settings.seed + 1),
  });
  const validation = new data.DataLoader(new WindowDataset(tokens.validation, settings.context), {
    batchSize: settings.batchSize,
  });
  const { epochs: _epochs, ...kept } = settings;
  const description = {
    settings: kept,
    corpus: { name: corpus.name, words: corpus.words, fingerprint: corpus.fingerprint },
    tokenizer: { vocabSize: config.vocabSize, fingerprint: tokens.fingerprint },
    lr: settings.lr,
  };
  return { config, model, optimizer, loader, validation, description };
}

/**
 * The mean validation loss (nats per token) of the model as it is, without gradients.
 * @example Math.exp(validationLoss(run)); // the perplexity, ≈ the vocabulary size before training
 */
export function validationLoss(run: LmRun): number {
  const wasTraining = run.model.training;
  run.model.eval();
  let [total, windows] = [0, 0];
  noGrad(() => {
    for (const [inputs, targets] of run.validation) {
      total += languageModelLoss(run.model.forward(inputs), targets).item() * inputs.shape[0]!;
      windows += inputs.shape[0]!;
    }
  });
  run.model.train(wasTraining);
  return total / windows;
}

/** What trainLm passes on to optim.fit besides the run itself. */
export type LmFitOptions = Pick<
  optim.FitRunOptions<Tensor>,
  "checkpoint" | "resume" | "signal" | "onBatch" | "onEpoch" | "progress"
>;

/**
 * Trains `run` to `epochs` with optim.fit: the validation loss is measured after every epoch.
 * @example const result = await trainLm(run, 1, { checkpoint: { path: "out/checkpoint.safetensors" } });
 */
export function trainLm(
  run: LmRun,
  epochs: number,
  options: LmFitOptions,
): Promise<optim.FitResult> {
  return optim.fit(run.model, {
    loader: run.loader,
    validation: run.validation,
    loss: languageModelLoss,
    optimizer: run.optimizer,
    epochs,
    ...options,
  });
}
