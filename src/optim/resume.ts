// Resuming fit from a TrainingState (or its file): model, optimizer, generator and history restored,
// each part checked first, with errors that say what in the state does not fit.
import type { Optimizer } from "./optimizer.js";
import type { Trainable } from "./fit-types.js";
import type { RngState } from "./training-batches.js";
import {
  checkHistory,
  checkpointFiles,
  type TrainingHistory,
  type TrainingState,
} from "./training-state.js";

/** Where training starts: completed epochs and their history (empty without a state). */
export interface Start {
  readonly epoch: number;
  readonly history: TrainingHistory;
}

/**
 * Loads `resume` into the model, optimizer and generator and returns where to start; a missing file is
 * an error (the caller decides whether a fresh start is wanted).
 */
export async function resumeFrom<Input>(
  model: Trainable<Input>,
  optimizer: Optimizer,
  generator: RngState | undefined,
  resume: TrainingState | string | undefined,
  metrics: readonly string[],
): Promise<Start> {
  if (resume === undefined)
    return { epoch: 0, history: { loss: [], metrics: {}, validationLoss: [] } };
  const where = typeof resume === "string" ? ` from "${resume}"` : "";
  const state = typeof resume === "string" ? await checkpointFiles().load(resume) : resume;
  try {
    if (!Number.isSafeInteger(state.epoch) || state.epoch < 0)
      throw new Error(`epoch must be a non-negative integer, got ${String(state.epoch)}`);
    const history = checkHistory(state.history, metrics);
    if (model.loadStateDict === undefined) throw new Error("the model has no loadStateDict");
    model.loadStateDict({ ...state.model });
    if (state.optimizer !== undefined) optimizer.loadStateDict(state.optimizer);
    if (generator !== undefined && state.rng !== undefined) generator.setState(state.rng);
    return { epoch: state.epoch, history };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`fit: resume${where}: ${message.replace(/^fit: resume: /, "")}`, {
      cause: error,
    });
  }
}
