// The training loop behind `gradus demo` and `gradus train`: fit one epoch at a time, checkpoint after each.
import { data, optim, tensor } from "../node.js";
import type { nn, Tensor, Generator } from "../node.js";
import { io } from "../node.js";
import { logitsOf, lossOf, targetsOf, type FeatureRows, type ModelConfig } from "./model-config.js";

/** Per-epoch training loss and accuracy, carried across a resume. */
export interface TrainingHistory {
  readonly loss: number[];
  readonly accuracy: number[];
}

export interface TrainingRun {
  readonly model: nn.Module;
  readonly config: ModelConfig;
  readonly optimizer: optim.Optimizer;
  /** Drives the batch order; its state goes into every checkpoint. */
  readonly generator: Generator;
  readonly rows: FeatureRows;
  readonly labels: Int32Array;
  readonly batchSize: number | "full";
  readonly epochs: number;
  /** Epochs already done (from a checkpoint), and their history. */
  readonly startEpoch: number;
  readonly history: TrainingHistory;
  readonly checkpointFile: string | null;
  readonly progress: optim.ProgressReporter | false;
  readonly onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
}

/** The rows at `indices` (a copy), dense or sparse. */
export function selectRows(rows: FeatureRows, indices: Int32Array): FeatureRows {
  return "selectRows" in rows ? rows.selectRows(indices) : rows.indexSelect(0, tensor(indices));
}

/**
 * Trains from `startEpoch` to `epochs`; the DataLoader draws its batches over row indices, so dense and
 * sparse features share one loop. Returns the full history.
 * @example const history = await trainEpochs({ ...run, startEpoch: 0, history: { loss: [], accuracy: [] } });
 */
export async function trainEpochs(run: TrainingRun): Promise<TrainingHistory> {
  const count = run.labels.length;
  const indices = tensor(Int32Array.from({ length: count }, (_, i) => i));
  const dataset = new data.TensorDataset(indices, targetsOf(run.config, run.labels));
  const loader = new data.DataLoader(dataset, {
    batchSize: run.batchSize,
    shuffle: true,
    generator: run.generator,
  });
  const trainable = {
    forward: (batch: Tensor) =>
      logitsOf(run.model, selectRows(run.rows, batch.dataSync() as Int32Array)),
    train: (mode?: boolean) => run.model.train(mode),
  };
  const history: TrainingHistory = {
    loss: [...run.history.loss],
    accuracy: [...run.history.accuracy],
  };
  for (let epoch = run.startEpoch + 1; epoch <= run.epochs; epoch++) {
    const reporter = run.progress;
    const result = optim.fit(trainable, loader, {
      optimizer: run.optimizer,
      epochs: 1,
      lossFn: lossOf(run.config),
      progress: reporter === false ? false : (p) => reporter({ ...p, epoch, epochs: run.epochs }),
    });
    const loss = result.loss[0]!;
    const accuracy = result.metrics.accuracy?.[0] ?? Number.NaN;
    history.loss.push(loss);
    history.accuracy.push(accuracy);
    if (run.checkpointFile !== null) {
      await io.saveCheckpoint(run.checkpointFile, {
        epoch,
        model: run.model.stateDict(),
        optimizer: run.optimizer.stateDict(),
        rng: run.generator.getState(),
        config: run.config,
        history,
      });
    }
    run.onEpoch?.(epoch, loss, accuracy);
  }
  return history;
}
