// Checkpoint files: atomic saves (a crash keeps the last good checkpoint) and checked loads.
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from "../checkpoint.js";
import { SafetensorsError } from "../safetensors-error.js";
import { writeFileAtomic } from "./atomic-write.js";
import { readChecked } from "./safetensors-file.js";

/**
 * Saves model, optimizer and RNG state with the epoch: temp file, fsync, rename, fsync directory.
 * @example await io.saveCheckpoint("out/checkpoint.safetensors", { epoch, model: model.stateDict(), optimizer: optimizer.stateDict(), rng: generator.getState() });
 */
export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(file, encodeCheckpoint(checkpoint));
}

/**
 * Loads a checkpoint written by saveCheckpoint.
 * @example const checkpoint = await io.loadCheckpoint("out/checkpoint.safetensors"); model.loadStateDict(checkpoint.model);
 */
export async function loadCheckpoint(file: string): Promise<Checkpoint> {
  const bytes = await readChecked(file);
  try {
    return decodeCheckpoint(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) throw new SafetensorsError(`${file}: ${error.message}`);
    throw error;
  }
}
