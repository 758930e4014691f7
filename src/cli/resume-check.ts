// `--resume`: the checkpoint is read and checked against this run (same data, model and flags) before
// anything is loaded from it; every problem is one line naming the file.
import { io, type optim } from "../node.js";

/** A checkpoint that fits this run: the state for fit, its learning rate, and where it stopped. */
export interface Resumed {
  readonly state: optim.TrainingState;
  readonly lr: number;
  /** "after epoch 3" or "in epoch 4 after batch 7". */
  readonly where: string;
}

/**
 * Loads `file` and checks that it was written by a run with `runConfig` (compared as JSON, except
 * the learning rate, which it supplies).
 * @example const resumed = await checkResume("out/checkpoint.safetensors", trainingConfig);
 */
export async function checkResume(file: string, runConfig: unknown): Promise<Resumed> {
  const state = await io.loadCheckpoint(file);
  const saved = state.config as Record<string, unknown> | undefined;
  if (typeof saved !== "object" || saved === null) {
    throw new Error(`--resume: ${file} has no run description (not written by gradus train)`);
  }
  const { lr, ...rest } = saved;
  if (JSON.stringify(rest) !== JSON.stringify(runConfig)) {
    throw new Error(`--resume: ${file} was written with other data, model or flags`);
  }
  if (typeof lr !== "number" || !(lr >= 0) || !Number.isFinite(lr)) {
    throw new Error(`--resume: ${file}: the saved learning rate is not a number ≥ 0`);
  }
  const partial = (state.history as { partial?: { batch?: unknown } } | undefined)?.partial;
  const where =
    partial === undefined
      ? `after epoch ${state.epoch}`
      : `in epoch ${state.epoch + 1} after batch ${String(partial.batch)}`;
  return { state, lr, where };
}
