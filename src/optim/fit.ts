// fit: the training loop (epochs of batches, metrics, callbacks, early stopping, a TTY progress line).
import { noGrad } from "../autodiff/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { accuracy, type Metric } from "./metrics.js";
import type { Optimizer } from "./optimizer.js";
import { terminalProgress, type ProgressReporter } from "./progress-line.js";

/** What fit needs of a model (every nn.Module has it). */
export interface Trainable {
  forward(x: Tensor): Tensor;
  train(mode?: boolean): unknown;
}

export interface EpochLogs {
  readonly epoch: number;
  readonly loss: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly validationLoss?: number;
}

export interface FitOptions {
  readonly optimizer: Optimizer;
  readonly epochs: number;
  /** The loss of a batch: lossFn(model.forward(x), y). */
  readonly lossFn: (output: Tensor, target: Tensor) => Tensor;
  /** Metrics by name, averaged over samples each epoch (default: accuracy). */
  readonly metrics?: Readonly<Record<string, Metric>>;
  /** Batches to evaluate after every epoch (without gradients). */
  readonly validation?: Iterable<Tensor[]>;
  readonly callbacks?: {
    readonly onBatchEnd?: (step: number, loss: number) => void;
    /** Return true to stop training after this epoch. */
    readonly onEpochEnd?: (logs: EpochLogs) => boolean | void;
  };
  /** Stop when the monitored loss has not improved by minDelta for `patience` epochs. */
  readonly earlyStopping?: {
    patience: number;
    minDelta?: number;
    monitor?: "loss" | "validationLoss";
  };
  /** A progress reporter, or false; by default a one-line bar on a TTY and silence elsewhere. */
  readonly progress?: ProgressReporter | false;
}

export interface FitHistory {
  /** Sample-weighted mean training loss per epoch. */
  readonly loss: number[];
  /** Metric values per epoch by name (training batches; "validation." prefix for validation). */
  readonly metrics: Record<string, number[]>;
  readonly validationLoss: number[];
  readonly epochs: number;
  readonly stoppedEarly: boolean;
}

/** Sums of the loss and metrics over batches, weighted by batch size. */
function evaluateBatches(
  batches: Iterable<Tensor[]>,
  step: (x: Tensor, y: Tensor, index: number) => [Tensor, Tensor],
  metrics: Readonly<Record<string, Metric>>,
  where: string,
): { loss: number; metrics: Record<string, number> } {
  let samples = 0;
  let loss = 0;
  const totals: Record<string, number> = {};
  let index = 0;
  for (const [x, y] of batches) {
    if (x === undefined || y === undefined)
      throw new Error(`fit: ${where} batch ${index} needs [inputs, targets]`);
    const [output, batchLoss] = step(x, y, index);
    const value = batchLoss.item();
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `fit: the ${where} loss is ${value} at batch ${index} (check the learning rate and inputs)`,
      );
    }
    const count = x.shape[0] ?? 1;
    samples += count;
    loss += value * count;
    for (const [name, metric] of Object.entries(metrics))
      totals[name] = (totals[name] ?? 0) + metric(output, y) * count;
    index++;
  }
  for (const name of Object.keys(totals)) totals[name]! /= samples;
  return { loss: loss / samples, metrics: totals };
}

/**
 * Trains `model` for `epochs` passes over `loader`: forward, loss, backward, optimizer step per batch.
 * Throws on a NaN or infinite loss, naming the epoch and batch.
 * @example const history = optim.fit(model, loader, { optimizer, epochs: 10, lossFn: nn.binaryCrossEntropyWithLogits });
 */
export function fit(model: Trainable, loader: Iterable<Tensor[]>, options: FitOptions): FitHistory {
  const {
    optimizer,
    epochs,
    lossFn,
    metrics = { accuracy },
    callbacks = {},
    earlyStopping,
  } = options;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new RangeError(`fit: epochs must be a positive integer, got ${epochs}`);
  const progress =
    options.progress === false ? undefined : (options.progress ?? terminalProgress());
  const batches = (loader as { length?: number }).length ?? 0;
  const history: FitHistory = {
    loss: [],
    metrics: {},
    validationLoss: [],
    epochs: 0,
    stoppedEarly: false,
  };
  const push = (name: string, value: number) => (history.metrics[name] ??= []).push(value);
  let best = Infinity;
  let waited = 0;
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train(true);
    let running = 0;
    const train = evaluateBatches(
      loader,
      (x, y, index) => {
        optimizer.zeroGrad();
        const output = model.forward(x);
        const loss = lossFn(output, y);
        const value = loss.item();
        if (!Number.isFinite(value))
          throw new RangeError(`fit: the loss is ${value} at epoch ${epoch}, batch ${index}`);
        loss.backward();
        optimizer.step();
        running += (value - running) / (index + 1);
        callbacks.onBatchEnd?.(step++, value);
        progress?.({
          epoch,
          epochs,
          batch: index + 1,
          batches: Math.max(batches, index + 1),
          loss: running,
          done: false,
        });
        return [output.detach(), loss];
      },
      metrics,
      "training",
    );
    progress?.({ epoch, epochs, batch: batches, batches, loss: train.loss, done: true });
    history.loss.push(train.loss);
    for (const [name, value] of Object.entries(train.metrics)) push(name, value);
    let validationLoss: number | undefined;
    if (options.validation !== undefined) {
      model.train(false);
      const evaluation = noGrad(() =>
        evaluateBatches(
          options.validation!,
          (x, y) => {
            const output = model.forward(x);
            return [output, lossFn(output, y)];
          },
          metrics,
          "validation",
        ),
      );
      validationLoss = evaluation.loss;
      history.validationLoss.push(evaluation.loss);
      for (const [name, value] of Object.entries(evaluation.metrics))
        push(`validation.${name}`, value);
    }
    (history as { epochs: number }).epochs = epoch;
    const logs: EpochLogs = {
      epoch,
      loss: train.loss,
      metrics: train.metrics,
      ...(validationLoss === undefined ? {} : { validationLoss }),
    };
    const stopRequested = callbacks.onEpochEnd?.(logs) === true;
    if (earlyStopping !== undefined) {
      const watched =
        earlyStopping.monitor === "validationLoss" ? (validationLoss ?? train.loss) : train.loss;
      if (watched < best - (earlyStopping.minDelta ?? 0)) [best, waited] = [watched, 0];
      else if (++waited >= earlyStopping.patience)
        (history as { stoppedEarly: boolean }).stoppedEarly = true;
    }
    if (stopRequested || history.stoppedEarly) break;
  }
  model.train(true);
  return history;
}
