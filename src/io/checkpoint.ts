// Checkpoints as safetensors bytes: model parameters, optimizer slots (F64), RNG state, epoch and config.
import { Tensor } from "../tensor/tensor.js";
import { checkSavedState } from "./checkpoint-state.js";
import { SafetensorsError } from "./safetensors-error.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

/** An optimizer's saved state (the shape of `optim.OptimizerState`). */
export interface SavedOptimizerState {
  readonly kind: string;
  readonly stepCount: number;
  readonly hyperparameters: Record<string, number | boolean>;
  readonly slots: Record<string, (number[] | null)[]>;
}

/** Everything needed to continue training exactly where it stopped. */
export interface Checkpoint {
  /** Completed epochs. */
  readonly epoch: number;
  /** The model's state dict (parameter values by dotted name). */
  readonly model: Record<string, Tensor>;
  readonly optimizer?: SavedOptimizerState;
  /** `Generator.getState()` of the generator driving shuffling and dropout. */
  readonly rng?: readonly number[];
  /** The model and training configuration (any JSON value). */
  readonly config?: unknown;
  /** Anything else to carry across a resume, such as the loss history (any JSON value). */
  readonly history?: unknown;
}

const FORMAT = "gradus.checkpoint/1";

/**
 * The bytes of a checkpoint: a safetensors file with `model.*` and `optimizer.<slot>.<i>` tensors and
 * the rest as JSON in `__metadata__`, so Python tools can read the weights too.
 * @example const bytes = io.encodeCheckpoint({ epoch: 3, model: model.stateDict(), optimizer: optimizer.stateDict(), rng: generator.getState() });
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  const put = (name: string, value: Tensor) =>
    Object.defineProperty(tensors, name, { value, enumerable: true });
  for (const [name, value] of Object.entries(checkpoint.model)) put(`model.${name}`, value);
  const optimizer = checkpoint.optimizer;
  const present: Record<string, boolean[]> = {};
  if (optimizer !== undefined) {
    for (const [slot, values] of Object.entries(optimizer.slots)) {
      present[slot] = values.map((value) => value !== null);
      values.forEach((value, index) => {
        if (value !== null)
          put(`optimizer.${slot}.${index}`, new Tensor(Float64Array.from(value), [value.length]));
      });
    }
  }
  const state = {
    epoch: checkpoint.epoch,
    rng:
      checkpoint.rng === undefined ? null : checkpoint.rng.map((x) => (Number.isNaN(x) ? null : x)),
    optimizer:
      optimizer === undefined
        ? null
        : {
            kind: optimizer.kind,
            stepCount: optimizer.stepCount,
            hyperparameters: optimizer.hyperparameters,
            slots: present,
          },
  };
  const metadata: Record<string, string> = { format: FORMAT, state: JSON.stringify(state) };
  if (checkpoint.config !== undefined) metadata.config = JSON.stringify(checkpoint.config);
  if (checkpoint.history !== undefined) metadata.history = JSON.stringify(checkpoint.history);
  return encodeSafetensors(tensors, metadata);
}

/**
 * A checkpoint from its bytes; throws SafetensorsError when they are not a gradus checkpoint.
 * @example const { epoch, model: state } = io.decodeCheckpoint(bytes); model.loadStateDict(state);
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const { tensors, metadata } = decodeSafetensors(bytes);
  if (metadata.format !== FORMAT || metadata.state === undefined) {
    throw new SafetensorsError(
      `checkpoint: not a gradus checkpoint (format "${metadata.format ?? "none"}")`,
    );
  }
  const state = checkSavedState(parseJson("state", metadata.state));
  const model: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(tensors)) {
    if (name.startsWith("model."))
      Object.defineProperty(model, name.slice(6), { value, enumerable: true });
  }
  const result: { -readonly [K in keyof Checkpoint]: Checkpoint[K] } = {
    epoch: state.epoch,
    model,
  };
  if (state.rng !== null) result.rng = state.rng.map((x) => x ?? Number.NaN);
  if (state.optimizer !== null) {
    const slots: Record<string, (number[] | null)[]> = {};
    for (const [slot, present] of Object.entries(state.optimizer.slots)) {
      slots[slot] = present.map((has, index) => {
        if (!has) return null;
        const name = `optimizer.${slot}.${index}`;
        const value = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
        if (value === undefined)
          throw new SafetensorsError(`checkpoint: optimizer slot "${slot}" ${index} is missing`);
        return Array.from(value.data);
      });
    }
    result.optimizer = { ...state.optimizer, slots };
  }
  if (metadata.config !== undefined) result.config = parseJson("config", metadata.config);
  if (metadata.history !== undefined) result.history = parseJson("history", metadata.history);
  return result;
}

function parseJson(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SafetensorsError(`checkpoint: metadata "${field}" is not valid JSON`);
  }
}
