// The CLI's training (`gradus train` and `demo`): a DataLoader over feature rows (dense or sparse CSR)
// and labels, handed to optim.fit with a checkpoint every epoch, Ctrl-C as an AbortSignal and a bar.
import { CsrMatrix, data, optim, tensor } from "../node.js";
import type { Generator, nn, Tensor } from "../node.js";
import {
  inputRows,
  lossOf,
  targetsOf,
  type FeatureRows,
  type ModelConfig,
} from "./model-config.js";

/** The per-epoch numbers the CLI prints, plots and writes as JSON (test accuracy when a test split is given). */
export interface EpochHistory {
  readonly loss: readonly number[];
  readonly accuracy: readonly number[];
  readonly testAccuracy?: readonly number[];
}

export interface TrainingRun {
  readonly model: nn.Module;
  readonly config: ModelConfig;
  readonly optimizer: optim.Optimizer;
  /** Drives the batch order; fit saves and restores its state. */
  readonly generator: Generator;
  readonly rows: FeatureRows;
  readonly labels: Int32Array;
  /** Held-out rows whose accuracy is measured after every epoch (no gradients). */
  readonly test?: { readonly rows: FeatureRows; readonly labels: Int32Array };
  readonly batchSize: number | "full";
  readonly epochs: number;
  /** Where the checkpoint goes, and the run description stored in it; null: no checkpoints. */
  readonly checkpoint: { readonly path: string; readonly config: unknown } | null;
  /** A checkpoint to continue from (already checked against this run by the caller). */
  readonly resume?: optim.TrainingState;
  readonly progress: optim.ProgressReporter | false;
  readonly signal?: AbortSignal;
  readonly onEpoch?: (
    epoch: number,
    loss: number,
    accuracy: number,
    testAccuracy: number | null,
  ) => void;
}

/** Test rows per forward pass (a cnn's activations grow with the rows). */
const TEST_BATCH = 500;

/** Rows at `indices` of the training data, as the model takes them (sparse stays sparse for regressions). */
class FeatureDataset implements data.Dataset<[FeatureRows, Tensor]> {
  readonly length: number;

  constructor(
    private readonly config: ModelConfig,
    private readonly rows: FeatureRows,
    private readonly targets: Tensor,
  ) {
    this.length = targets.shape[0]!;
  }

  getBatch(indices: Int32Array): [FeatureRows, Tensor] {
    const picked =
      this.rows instanceof CsrMatrix
        ? this.rows.selectRows(indices)
        : this.rows.indexSelect(0, tensor(indices));
    return [inputRows(this.config, picked), this.targets.indexSelect(0, tensor(indices))];
  }
}

/**
 * Trains with optim.fit: shuffled batches from `run.generator`, the loss of the model kind, accuracy per
 * epoch; returns the history and where a stop request (the signal) ended it.
 * @example const { history, interrupted } = await trainModel({ ...run, signal: interrupt.signal });
 */
export async function trainModel(
  run: TrainingRun,
): Promise<{ history: EpochHistory; interrupted: optim.FitResult["interrupted"] }> {
  const dataset = new FeatureDataset(run.config, run.rows, targetsOf(run.config, run.labels));
  const loader = new data.DataLoader(dataset, {
    batchSize: run.batchSize,
    shuffle: true,
    generator: run.generator,
  });
  const test = run.test;
  const validation =
    test === undefined || test.labels.length === 0
      ? undefined
      : new data.DataLoader(
          new FeatureDataset(run.config, test.rows, targetsOf(run.config, test.labels)),
          { batchSize: TEST_BATCH },
        );
  const result = await optim.fit(run.model, {
    loader,
    ...(validation === undefined ? {} : { validation }),
    loss: lossOf(run.config),
    optimizer: run.optimizer,
    epochs: run.epochs,
    metrics: { accuracy: optim.accuracy },
    progress: run.progress,
    ...(run.checkpoint === null ? {} : { checkpoint: run.checkpoint }),
    ...(run.resume === undefined ? {} : { resume: run.resume }),
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    onEpoch: (logs) =>
      run.onEpoch?.(
        logs.epoch,
        logs.loss,
        logs.metrics["accuracy"] ?? 0,
        logs.metrics["validation.accuracy"] ?? null,
      ),
  });
  const testAccuracy = result.metrics["validation.accuracy"];
  const history = {
    loss: result.loss,
    accuracy: result.metrics["accuracy"] ?? [],
    ...(testAccuracy === undefined ? {} : { testAccuracy }),
  };
  return { history, interrupted: result.interrupted };
}
