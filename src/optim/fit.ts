// fit: the training loop as a function, in two forms: the original synchronous fit(model, loader,
// options), and `await fit(model, { loader, loss, optimizer, epochs, signal, checkpoint, resume, … })`
// with checkpoints, exact resume and Ctrl-C. Both drive the same loop (training-loop.ts).
import type { Tensor } from "../tensor/tensor.js";
import { accuracy } from "./metrics.js";
import { terminalProgress } from "./progress-line.js";
import type { FitHistory, FitOptions, FitResult, FitRunOptions, Trainable } from "./fit-types.js";
import { generatorOf, type Batch } from "./training-batches.js";
import { trainingLoop, type LoopEvent, type LoopOutcome, type LoopSetup } from "./training-loop.js";
import { resumeFrom } from "./resume.js";
import { checkpointFiles, type TrainingState } from "./training-state.js";

export type {
  FitOptions,
  FitHistory,
  FitRunOptions,
  FitResult,
  EpochLogs,
  BatchLogs,
  Trainable,
  CheckpointOptions,
  EarlyStopping,
} from "./fit-types.js";

function checkEpochs(epochs: number): void {
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new RangeError(`fit: epochs must be a positive integer, got ${epochs}`);
}

const historyOf = ({ history }: LoopOutcome): FitHistory => ({
  loss: [...history.loss],
  metrics: Object.fromEntries(Object.entries(history.metrics).map(([k, v]) => [k, [...v]])),
  validationLoss: [...history.validationLoss],
  epochs: history.epochs,
  stoppedEarly: history.stoppedEarly,
});

/** Runs the loop to its end synchronously (no checkpoints, no signal). */
function runNow<Input>(setup: LoopSetup<Input>): LoopOutcome {
  const loop = trainingLoop(setup);
  for (let next = loop.next(); ; next = loop.next(false)) if (next.done) return next.value;
}

// setImmediate (Node) lets signal handlers run without the ≥ 1 ms of setTimeout; browsers lack it
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const pause = (): Promise<void> =>
  new Promise((resolve) => (immediate === undefined ? setTimeout(resolve, 0) : immediate(resolve)));
const PAUSE_MS = 50;

/** Runs the loop, saving states as asked and, with a signal, giving the event loop a turn every 50 ms. */
async function runAsync<Input>(
  setup: LoopSetup<Input>,
  save: (state: TrainingState) => Promise<void> | void,
  signal: AbortSignal | undefined,
): Promise<LoopOutcome> {
  const loop = trainingLoop(setup);
  let answer: boolean | undefined;
  let paused = performance.now();
  for (;;) {
    const next = loop.next(answer);
    if (next.done) return next.value;
    const event: LoopEvent = next.value;
    answer = undefined;
    if (event.kind === "save") {
      await save(event.state);
      continue;
    }
    if (signal !== undefined && performance.now() - paused > PAUSE_MS) {
      await pause();
      paused = performance.now();
    }
    answer = signal?.aborted === true;
  }
}

/**
 * Trains `model` for `epochs` passes over `loader` (forward, loss, backward, optimizer step per batch)
 * and returns the history at once. Throws on a NaN or infinite loss, naming the epoch and batch.
 * @example const history = optim.fit(model, loader, { optimizer, epochs: 10, lossFn: nn.binaryCrossEntropyWithLogits });
 */
export function fit(model: Trainable, loader: Iterable<Tensor[]>, options: FitOptions): FitHistory;
/**
 * Trains `model` like PyTorch's usual loop, with what long runs need: a checkpoint every epoch
 * (`checkpoint: { path }` or `{ save }`), exact resume (`resume`: the state or its file, even from the
 * middle of an epoch), an AbortSignal (Ctrl-C: the step finishes, a checkpoint is saved, the result says
 * where it stopped), and callbacks per batch and epoch. Works with any Module, input and loss.
 * @example const result = await optim.fit(model, { loader, loss: nn.crossEntropy, optimizer, epochs: 10, checkpoint: { path: "ckpt.safetensors" }, signal });
 */
export function fit<Input = Tensor>(
  model: Trainable<Input>,
  options: FitRunOptions<Input>,
): Promise<FitResult>;
export function fit<Input>(
  model: Trainable<Input>,
  second: Iterable<Tensor[]> | FitRunOptions<Input>,
  legacy?: FitOptions,
): FitHistory | Promise<FitResult> {
  if (legacy !== undefined) return fitNow(model as Trainable, second as Iterable<Tensor[]>, legacy);
  return fitRun(model, second as FitRunOptions<Input>);
}

function fitNow(model: Trainable, loader: Iterable<Tensor[]>, options: FitOptions): FitHistory {
  checkEpochs(options.epochs);
  const progress =
    options.progress === false ? undefined : (options.progress ?? terminalProgress());
  const { onBatchEnd, onEpochEnd } = options.callbacks ?? {};
  const outcome = runNow<Tensor>({
    model,
    loader: loader as Iterable<Batch>,
    loss: options.lossFn,
    optimizer: options.optimizer,
    epochs: options.epochs,
    metrics: options.metrics ?? { accuracy },
    ...(options.validation === undefined
      ? {}
      : { validation: options.validation as Iterable<Batch> }),
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping }),
    ...(progress === undefined ? {} : { progress }),
    ...(onBatchEnd === undefined
      ? {}
      : { onBatch: (logs) => onBatchEnd(logs.step - 1, logs.loss) }),
    ...(onEpochEnd === undefined ? {} : { onEpoch: onEpochEnd }),
    startEpoch: 0,
    history: { loss: [], metrics: {}, validationLoss: [] },
    checkpointEvery: null,
  });
  return historyOf(outcome);
}

async function fitRun<Input>(
  model: Trainable<Input>,
  options: FitRunOptions<Input>,
): Promise<FitResult> {
  checkEpochs(options.epochs);
  const metrics = options.metrics ?? {};
  const generator = options.generator ?? generatorOf(options.loader);
  const { checkpoint } = options;
  const every = checkpoint?.every ?? 1;
  if (checkpoint !== undefined && (!Number.isInteger(every) || every < 1))
    throw new RangeError(`fit: checkpoint.every must be a positive integer, got ${every}`);
  const start = await resumeFrom(
    model,
    options.optimizer,
    generator,
    options.resume,
    Object.keys(metrics),
  );
  const save =
    checkpoint?.save ??
    (checkpoint?.path === undefined
      ? () => undefined
      : (state: TrainingState) => checkpointFiles().save(checkpoint.path!, state));
  const progress = options.progress === false ? undefined : options.progress;
  const outcome = await runAsync<Input>(
    {
      model,
      loader: options.loader as Iterable<Batch<Input>>,
      loss: options.loss,
      optimizer: options.optimizer,
      epochs: options.epochs,
      metrics,
      ...(options.validation === undefined
        ? {}
        : { validation: options.validation as Iterable<Batch<Input>> }),
      ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping }),
      ...(progress === undefined ? {} : { progress }),
      ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
      ...(options.onEpoch === undefined ? {} : { onEpoch: options.onEpoch }),
      ...(generator === undefined ? {} : { generator }),
      startEpoch: start.epoch,
      history: start.history,
      checkpointEvery: checkpoint === undefined ? null : every,
      ...(checkpoint?.config === undefined ? {} : { config: checkpoint.config }),
    },
    save,
    options.signal,
  );
  const partial = outcome.history.partial;
  return {
    ...historyOf(outcome),
    interrupted: outcome.interrupted,
    ...(partial === undefined ? {} : { partial }),
  };
}
