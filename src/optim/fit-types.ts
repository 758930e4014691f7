// The types of fit: what it trains, what it reports per batch and epoch, and its two option forms.
import type { Tensor } from "../tensor/tensor.js";
import type { Metric } from "./metrics.js";
import type { Optimizer } from "./optimizer.js";
import type { ProgressReporter } from "./progress-line.js";
import type { Batch, RngState } from "./training-batches.js";
import type { PartialEpoch, TrainingState } from "./training-state.js";

/** What fit needs of a model (every nn.Module has it); checkpoints and resume also use its state dict. */
export interface Trainable<Input = Tensor> {
  forward(x: Input): Tensor;
  train(mode?: boolean): unknown;
  stateDict?(): Record<string, Tensor>;
  loadStateDict?(state: Record<string, Tensor>): void;
}

export interface BatchLogs {
  readonly epoch: number;
  /** 1-based position in the epoch, of `batches`. */
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  /** Optimizer steps taken in this call of fit. */
  readonly step: number;
}

export interface EpochLogs {
  readonly epoch: number;
  readonly loss: number;
  /** The epoch's metric means by name (validation ones prefixed "validation.", as in the history). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly validationLoss?: number;
}

/** Stop when the monitored loss has not improved by minDelta for `patience` epochs. */
export interface EarlyStopping {
  patience: number;
  minDelta?: number;
  monitor?: "loss" | "validationLoss";
}

export interface FitHistory {
  /** Sample-weighted mean training loss per epoch (resumed epochs included). */
  readonly loss: number[];
  /** Metric values per epoch by name (training batches; "validation." prefix for validation). */
  readonly metrics: Record<string, number[]>;
  readonly validationLoss: number[];
  readonly epochs: number;
  readonly stoppedEarly: boolean;
}

/** The options of the original, synchronous form `fit(model, loader, options)`. */
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
  readonly earlyStopping?: EarlyStopping;
  /** A progress reporter, or false; by default a one-line bar on a TTY and silence elsewhere. */
  readonly progress?: ProgressReporter | false;
}

/** Where and how often fit saves its TrainingState. */
export interface CheckpointOptions {
  /** A file (with gradus's Node entry: io.saveCheckpoint, atomic). */
  readonly path?: string;
  /** Or a function that stores the state (e.g. in IndexedDB), called instead of writing `path`. */
  readonly save?: (state: TrainingState) => Promise<void> | void;
  /** Save after every `every` epochs (default 1), after the last, and when stopped by the signal. */
  readonly every?: number;
  /** Any JSON describing the run, stored with the state (resume does not interpret it). */
  readonly config?: unknown;
}

/** The options of `await fit(model, { loader, loss, optimizer, epochs, … })`. */
export interface FitRunOptions<Input = Tensor> {
  /** Batches [input, target] for one epoch per pass: a DataLoader (resumable mid-epoch) or any iterable. */
  readonly loader: Iterable<Batch<Input>> | Iterable<Tensor[]>;
  /** The loss of a batch: loss(model.forward(input), target), a scalar. */
  readonly loss: (output: Tensor, target: Tensor) => Tensor;
  readonly optimizer: Optimizer;
  /** The epoch to end at (counting resumed ones). */
  readonly epochs: number;
  /** Metrics by name, sample-weighted means per epoch (default none). */
  readonly metrics?: Readonly<Record<string, Metric>>;
  readonly validation?: Iterable<Batch<Input>> | Iterable<Tensor[]>;
  readonly earlyStopping?: EarlyStopping;
  /** When aborted (e.g. on Ctrl-C), the current step finishes, a checkpoint is saved, and fit resolves. */
  readonly signal?: AbortSignal;
  readonly onBatch?: (logs: BatchLogs) => void;
  /** Called after each epoch (after its checkpoint); return true to stop. */
  readonly onEpoch?: (logs: EpochLogs) => boolean | void;
  /** A progress reporter, or false (the default: callbacks report progress). */
  readonly progress?: ProgressReporter | false;
  readonly checkpoint?: CheckpointOptions;
  /** Continue from a saved state (or its file, with the Node entry): model, optimizer, generator, history. */
  readonly resume?: TrainingState | string;
  /** The generator to save and restore (default: the loader's, as a DataLoader has). */
  readonly generator?: RngState;
}

/** What `await fit(model, options)` resolves to: the history, and where a stop request ended it. */
export interface FitResult extends FitHistory {
  readonly interrupted: { readonly epoch: number; readonly batch: number } | null;
  /** The part-done epoch when interrupted in its middle (saved in the checkpoint too). */
  readonly partial?: PartialEpoch;
}
