// The training loop behind `gradus demo` and `gradus train`: epochs of steps, a checkpoint after each, Ctrl-C safe.
import { data, optim, tensor } from "../node.js";
import type { nn, Tensor, Generator } from "../node.js";
import { io } from "../node.js";
import { logitsOf, lossOf, targetsOf, type FeatureRows, type ModelConfig } from "./model-config.js";

/** Where an interrupted epoch stopped: batches done and the sample-weighted sums so far. */
export interface PartialEpoch {
  readonly batch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly samples: number;
}

/** Per-epoch training loss and accuracy, carried across a resume (with the unfinished epoch, if any). */
export interface TrainingHistory {
  readonly loss: number[];
  readonly accuracy: number[];
  readonly partial?: PartialEpoch;
}

export interface TrainingRun {
  readonly model: nn.Module;
  readonly config: ModelConfig;
  readonly optimizer: optim.Optimizer;
  /** Drives the batch order; its state at the start of the unfinished epoch goes into every checkpoint. */
  readonly generator: Generator;
  readonly rows: FeatureRows;
  readonly labels: Int32Array;
  readonly batchSize: number | "full";
  readonly epochs: number;
  /** Epochs already done (from a checkpoint), and their history (with `partial`, part of the next). */
  readonly startEpoch: number;
  readonly history: TrainingHistory;
  readonly checkpointFile: string | null;
  readonly progress: optim.ProgressReporter | false;
  readonly onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
  /** Polled between steps: when requested, the loop saves a checkpoint and returns early. */
  readonly interrupt?: { readonly requested: boolean };
}

/** The history, and where training stopped early on an interrupt (null when all epochs ran). */
export interface TrainingOutcome {
  readonly history: TrainingHistory;
  readonly interrupted: { readonly epoch: number; readonly batch: number } | null;
}

/**
 * trainSteps without interruption: the full history.
 * @example const history = await trainEpochs({ ...run, startEpoch: 0, history: { loss: [], accuracy: [] } });
 */
export async function trainEpochs(run: TrainingRun): Promise<TrainingHistory> {
  return (await trainSteps(run)).history;
}

/** The rows at `indices` (a copy), dense or sparse. */
export function selectRows(rows: FeatureRows, indices: Int32Array): FeatureRows {
  return "selectRows" in rows ? rows.selectRows(indices) : rows.indexSelect(0, tensor(indices));
}

const YIELD_MS = 50;
const yieldToSignals = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Trains from `startEpoch` (and `history.partial`) to `epochs` with the steps of optim.fit (zeroGrad,
 * forward, loss, backward, step). Batches come from a DataLoader over row indices, so dense and sparse
 * features share one loop. With `interrupt`, the event loop gets a turn every 50 ms so a signal can
 * request a stop: the current step finishes, a checkpoint is written, and the outcome says where.
 * @example const { history, interrupted } = await trainSteps({ ...run, interrupt: catchInterrupts() });
 */
export async function trainSteps(run: TrainingRun): Promise<TrainingOutcome> {
  const count = run.labels.length;
  const indices = tensor(Int32Array.from({ length: count }, (_, i) => i));
  const dataset = new data.TensorDataset(indices, targetsOf(run.config, run.labels));
  const loader = new data.DataLoader(dataset, {
    batchSize: run.batchSize,
    shuffle: true,
    generator: run.generator,
  });
  const lossFn = lossOf(run.config);
  const history = { loss: [...run.history.loss], accuracy: [...run.history.accuracy] };
  let partial = run.history.partial;
  let lastYield = performance.now();
  const save = (epoch: number, rng: readonly number[], current?: PartialEpoch) =>
    run.checkpointFile === null
      ? Promise.resolve()
      : io.saveCheckpoint(run.checkpointFile, {
          epoch,
          model: run.model.stateDict(),
          optimizer: run.optimizer.stateDict(),
          rng,
          config: run.config,
          history: current === undefined ? history : { ...history, partial: current },
        });
  for (let epoch = run.startEpoch + 1; epoch <= run.epochs; epoch++) {
    const rngAtStart = run.generator.getState();
    const batches = loader.epochIndices();
    const first = partial?.batch ?? 0;
    let [lossSum, accuracySum, samples] = [
      partial?.loss ?? 0,
      partial?.accuracy ?? 0,
      partial?.samples ?? 0,
    ];
    partial = undefined;
    run.model.train(true);
    let running = 0;
    for (let batch = first; batch < batches.length; batch++) {
      const [x, y] = dataset.getBatch(batches[batch]!) as [Tensor, Tensor];
      run.optimizer.zeroGrad();
      const output = logitsOf(run.model, selectRows(run.rows, x.dataSync() as Int32Array));
      const loss = lossFn(output, y);
      const value = loss.item();
      if (!Number.isFinite(value))
        throw new RangeError(`the loss is ${value} at epoch ${epoch}, batch ${batch}`);
      loss.backward();
      run.optimizer.step();
      const size = x.shape[0]!;
      lossSum += value * size;
      accuracySum += optim.accuracy(output.detach(), y) * size;
      samples += size;
      running += (value - running) / (batch - first + 1);
      if (run.progress !== false) {
        const batchCount = batches.length;
        run.progress({
          epoch,
          epochs: run.epochs,
          batch: batch + 1,
          batches: batchCount,
          loss: running,
          done: false,
        });
      }
      if (run.interrupt !== undefined && performance.now() - lastYield > YIELD_MS) {
        await yieldToSignals();
        lastYield = performance.now();
      }
      if (run.interrupt?.requested === true && batch + 1 < batches.length) {
        const current = { batch: batch + 1, loss: lossSum, accuracy: accuracySum, samples };
        await save(epoch - 1, rngAtStart, current);
        return {
          history: { ...history, partial: current },
          interrupted: { epoch, batch: batch + 1 },
        };
      }
    }
    const [loss, accuracy] = [lossSum / samples, accuracySum / samples];
    if (run.progress !== false) {
      const batchCount = batches.length;
      run.progress({
        epoch,
        epochs: run.epochs,
        batch: batchCount,
        batches: batchCount,
        loss,
        done: true,
      });
    }
    history.loss.push(loss);
    history.accuracy.push(accuracy);
    await save(epoch, run.generator.getState());
    run.onEpoch?.(epoch, loss, accuracy);
    if (run.interrupt?.requested === true && epoch < run.epochs)
      return { history, interrupted: { epoch, batch: 0 } };
  }
  return { history, interrupted: null };
}
