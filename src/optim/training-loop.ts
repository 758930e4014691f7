// The one training loop behind fit (and the CLI): epochs of zeroGrad, forward, loss, backward, step,
// written as a generator so that one body serves the synchronous fit and the async one, which pauses
// at each yield to save checkpoints and to let an AbortSignal in.
import { noGrad } from "../autodiff/index.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Metric } from "./metrics.js";
import type { Optimizer } from "./optimizer.js";
import type { ProgressReporter } from "./progress-line.js";
import type { PartialEpoch, TrainingHistory, TrainingState } from "./training-state.js";
import { batchesOf, type Batch, type RngState } from "./training-batches.js";
import type { BatchLogs, EpochLogs, Trainable } from "./fit-types.js";

/** Everything the loop needs, resolved by fit from its options (and a resumed state). */
export interface LoopSetup<Input> {
  readonly model: Trainable<Input>;
  readonly loader: Iterable<Batch<Input>>;
  readonly loss: (output: Tensor, target: Tensor) => Tensor;
  readonly optimizer: Optimizer;
  readonly epochs: number;
  readonly metrics: Readonly<Record<string, Metric>>;
  readonly validation?: Iterable<Batch<Input>>;
  readonly earlyStopping?: {
    patience: number;
    minDelta?: number;
    monitor?: "loss" | "validationLoss";
  };
  readonly progress?: ProgressReporter;
  readonly onBatch?: (logs: BatchLogs) => void;
  readonly onEpoch?: (logs: EpochLogs) => boolean | void;
  readonly generator?: RngState;
  /** Epochs already done and their history (with `partial`: part of the next one). */
  readonly startEpoch: number;
  readonly history: TrainingHistory;
  /** Save after every `every` epochs (and when stopped); null: never. */
  readonly checkpointEvery: number | null;
  readonly config?: unknown;
}

/** What the loop asks of its driver: "step" (answer true to stop after it) or "save" a state. */
export type LoopEvent =
  { readonly kind: "step" } | { readonly kind: "save"; readonly state: TrainingState };

/** The history, and where a stop request ended training early (null when it ran to its end). */
export interface LoopOutcome {
  readonly history: TrainingHistory & { readonly epochs: number; readonly stoppedEarly: boolean };
  readonly interrupted: { readonly epoch: number; readonly batch: number } | null;
}

type Sums = { batch: number; samples: number; loss: number; metrics: Record<string, number> };

const samplesIn = (target: Tensor): number => target.shape[0] ?? 1;

/** The loss and metric means of `batches` without gradients, for validation. */
function evaluate<Input>(setup: LoopSetup<Input>, batches: Iterable<Batch<Input>>): Sums {
  const sums: Sums = { batch: 0, samples: 0, loss: 0, metrics: {} };
  setup.model.train(false);
  noGrad(() => {
    for (const [x, y] of batches) {
      const output = setup.model.forward(x);
      const value = setup.loss(output, y).item();
      if (!Number.isFinite(value))
        throw new RangeError(`fit: the validation loss is ${value} at batch ${sums.batch}`);
      add(sums, setup.metrics, output, y, value);
    }
  });
  return sums;
}

function add(
  sums: Sums,
  metrics: LoopSetup<unknown>["metrics"],
  output: Tensor,
  y: Tensor,
  loss: number,
) {
  const count = samplesIn(y);
  sums.batch++;
  sums.samples += count;
  sums.loss += loss * count;
  for (const [name, metric] of Object.entries(metrics))
    sums.metrics[name] = (sums.metrics[name] ?? 0) + metric(output, y) * count;
}

const means = (sums: Sums) =>
  Object.fromEntries(
    Object.entries(sums.metrics).map(([name, total]) => [name, total / sums.samples]),
  );

/**
 * Runs the epochs from `setup.startEpoch`, yielding after every step and at every save; the driver
 * answers a step with true to stop: the step is finished, a checkpoint saved, and the outcome says where.
 */
export function* trainingLoop<Input>(
  setup: LoopSetup<Input>,
): Generator<LoopEvent, LoopOutcome, boolean | undefined> {
  const { model, optimizer, epochs, metrics, progress, generator } = setup;
  const history = {
    loss: [...setup.history.loss],
    metrics: Object.fromEntries(Object.entries(setup.history.metrics).map(([k, v]) => [k, [...v]])),
    validationLoss: [...setup.history.validationLoss],
    epochs: setup.history.loss.length,
    stoppedEarly: false,
  };
  let partial: PartialEpoch | undefined = setup.history.partial;
  const state = (
    epoch: number,
    rng: readonly number[] | undefined,
    current?: PartialEpoch,
  ): LoopEvent => ({
    kind: "save",
    state: {
      epoch,
      model: model.stateDict?.() ?? {},
      optimizer: optimizer.stateDict(),
      ...(rng === undefined ? {} : { rng }),
      ...(setup.config === undefined ? {} : { config: setup.config }),
      // a copy: the loop keeps appending to its own arrays after the save
      history: structuredClone({
        ...history,
        ...(current === undefined ? {} : { partial: current }),
      }),
    },
  });
  let [best, waited, step] = [Infinity, 0, 0];
  for (let epoch = setup.startEpoch + 1; epoch <= epochs; epoch++) {
    const rngAtStart = generator?.getState();
    const sums: Sums = {
      batch: 0,
      samples: 0,
      loss: 0,
      metrics: {},
      ...structuredClone(partial ?? {}),
    };
    partial = undefined;
    model.train(true);
    let running = 0;
    const first = sums.batch;
    for (const {
      index,
      batch: [x, y],
      count,
      last,
    } of batchesOf(setup.loader, first)) {
      if (x === undefined || y === undefined)
        throw new Error(`fit: training batch ${index} needs [inputs, targets]`);
      optimizer.zeroGrad();
      const output = model.forward(x);
      const loss = setup.loss(output, y);
      const value = loss.item();
      if (!Number.isFinite(value))
        throw new RangeError(`fit: the loss is ${value} at epoch ${epoch}, batch ${index}`);
      loss.backward();
      optimizer.step();
      add(sums, metrics, output.detach(), y, value);
      running += (value - running) / (index - first + 1);
      setup.onBatch?.({ epoch, batch: index + 1, batches: count, loss: value, step: ++step });
      progress?.({ epoch, epochs, batch: index + 1, batches: count, loss: running, done: false });
      const stop = (yield { kind: "step" }) === true;
      if (stop && !last) {
        const current = { ...sums, metrics: { ...sums.metrics } };
        if (setup.checkpointEvery !== null) yield state(epoch - 1, rngAtStart, current);
        return {
          history: { ...history, partial: current },
          interrupted: { epoch, batch: index + 1 },
        };
      }
    }
    const loss = sums.loss / sums.samples;
    progress?.({ epoch, epochs, batch: sums.batch, batches: sums.batch, loss, done: true });
    history.loss.push(loss);
    for (const [name, value] of Object.entries(means(sums)))
      (history.metrics[name] ??= []).push(value);
    let validationLoss: number | undefined;
    const epochMetrics = means(sums);
    if (setup.validation !== undefined) {
      const validation = evaluate(setup, setup.validation);
      validationLoss = validation.loss / validation.samples;
      history.validationLoss.push(validationLoss);
      for (const [name, value] of Object.entries(means(validation))) {
        (history.metrics[`validation.${name}`] ??= []).push(value);
        epochMetrics[`validation.${name}`] = value;
      }
    }
    history.epochs = epoch;
    const stop = (yield { kind: "step" }) === true;
    const every = setup.checkpointEvery;
    if (every !== null && (epoch % every === 0 || epoch === epochs || stop))
      yield state(epoch, generator?.getState());
    const logs: EpochLogs = {
      epoch,
      loss,
      metrics: epochMetrics,
      ...(validationLoss === undefined ? {} : { validationLoss }),
    };
    const stopRequested = setup.onEpoch?.(logs) === true;
    if (setup.earlyStopping !== undefined) {
      const { monitor, minDelta = 0, patience } = setup.earlyStopping;
      const watched = monitor === "validationLoss" ? (validationLoss ?? loss) : loss;
      if (watched < best - minDelta) [best, waited] = [watched, 0];
      else if (++waited >= patience) history.stoppedEarly = true;
    }
    if (stop && epoch < epochs) return { history, interrupted: { epoch, batch: 0 } };
    if (stopRequested || history.stoppedEarly) break;
  }
  model.train(true);
  return { history, interrupted: null };
}
