// What fit saves and resumes from: epoch, model and optimizer state, the generator's state at the start
// of the unfinished epoch, and the history (with the sums of a part-done epoch). Checked field by field
// when read back, because a checkpoint file is untrusted input.
import type { Tensor } from "../tensor/tensor.js";
import type { OptimizerState } from "./optimizer.js";

/** How far an interrupted epoch got: batches done and the sample-weighted sums so far. */
export interface PartialEpoch {
  readonly batch: number;
  readonly samples: number;
  /** Σ loss · batch size. */
  readonly loss: number;
  /** Σ metric · batch size, by metric name. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Per-epoch values (sample-weighted means), carried across checkpoints. */
export interface TrainingHistory {
  readonly loss: readonly number[];
  readonly metrics: Readonly<Record<string, readonly number[]>>;
  readonly validationLoss: readonly number[];
  /** Present when the checkpoint was written in the middle of epoch `epoch + 1`. */
  readonly partial?: PartialEpoch;
}

/**
 * Everything needed to continue training exactly where it stopped; it has the shape of
 * `io.Checkpoint`, so `io.saveCheckpoint(file, state)` and `io.loadCheckpoint(file)` store it.
 */
export interface TrainingState {
  /** Completed epochs. */
  readonly epoch: number;
  readonly model: Readonly<Record<string, Tensor>>;
  readonly optimizer?: OptimizerState;
  /** The generator's state at the start of epoch `epoch + 1`. */
  readonly rng?: readonly number[];
  /** The caller's own description of the run (fit stores `checkpoint.config` here). */
  readonly config?: unknown;
  readonly history?: unknown;
}

/** Reads and writes TrainingStates by path; the Node entry installs one backed by io.saveCheckpoint. */
export interface CheckpointFiles {
  save(path: string, state: TrainingState): Promise<void>;
  load(path: string): Promise<TrainingState>;
}

let files: CheckpointFiles | null = null;

/** Installs how `checkpoint.path` and `resume: path` reach files (called once by the Node entry). */
export function useCheckpointFiles(provider: CheckpointFiles): void {
  files = provider;
}

/** The installed file access, or an error saying that paths need the Node entry. */
export function checkpointFiles(): CheckpointFiles {
  if (files === null) {
    throw new Error(
      "fit: checkpoint and resume paths need gradus's Node entry; elsewhere pass checkpoint.save and a TrainingState",
    );
  }
  return files;
}

const fail = (field: string, problem: string): never => {
  throw new Error(`fit: resume: ${field} ${problem}`);
};

const isNumberList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === "number");

const isNumberRecord = (value: unknown): value is Record<string, number> =>
  typeof value === "object" &&
  value !== null &&
  Object.values(value).every((item) => typeof item === "number");

/** The history of a resumed state, checked (a missing history is an empty one). */
export function checkHistory(value: unknown, metrics: readonly string[]): TrainingHistory {
  if (value === undefined || value === null) return { loss: [], metrics: {}, validationLoss: [] };
  if (typeof value !== "object" || Array.isArray(value))
    return fail("history", "must be an object");
  const history = value as Record<string, unknown>;
  if (!isNumberList(history.loss)) fail("history.loss", "must be a list of numbers");
  if (!isNumberList(history.validationLoss ?? []))
    fail("history.validationLoss", "must be a list of numbers");
  const byName = history.metrics ?? {};
  if (typeof byName !== "object" || byName === null || Array.isArray(byName))
    fail("history.metrics", "must map metric names to lists of numbers");
  for (const [name, values] of Object.entries(byName as object)) {
    if (!isNumberList(values)) fail(`history.metrics.${name}`, "must be a list of numbers");
  }
  for (const name of metrics) {
    const values = (byName as Record<string, number[] | undefined>)[name];
    if (values !== undefined && values.length !== (history.loss as number[]).length)
      fail(`history.metrics.${name}`, "must have one value per epoch");
  }
  const partial = history.partial;
  if (partial !== undefined) {
    if (typeof partial !== "object" || partial === null)
      fail("history.partial", "must be an object");
    const { batch, samples, loss, metrics: sums } = partial as Record<string, unknown>;
    if (![batch, samples].every((n) => typeof n === "number" && Number.isSafeInteger(n) && n > 0))
      fail("history.partial", "must count the batches and samples done");
    if (typeof loss !== "number" || !isNumberRecord(sums ?? {}))
      fail("history.partial", "must hold the loss and metric sums");
  }
  return {
    loss: history.loss as number[],
    metrics: byName as Record<string, number[]>,
    validationLoss: (history.validationLoss ?? []) as number[],
    ...(partial === undefined ? {} : { partial: partial as PartialEpoch }),
  };
}
