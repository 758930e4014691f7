// safetensors files on disk: atomic saves, and loads that check the header before reading the rest.
import { open } from "node:fs/promises";
import type { Tensor } from "../../tensor/tensor.js";
import { SafetensorsError } from "../safetensors-error.js";
import { headerLength } from "../safetensors-header.js";
import { decodeSafetensors, encodeSafetensors, type SafetensorsContents } from "../safetensors.js";
import { describeFsError, writeFileAtomic } from "./atomic-write.js";

/**
 * Writes tensors (float32 → F32, float64 → F64, int32 → I32) and string metadata to a safetensors
 * file, atomically.
 * @example await io.saveSafetensors("model.safetensors", model.stateDict(), { config: JSON.stringify(config) });
 */
export async function saveSafetensors(
  file: string,
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Promise<void> {
  await writeFileAtomic(file, encodeSafetensors(tensors, metadata));
}

/**
 * Reads a safetensors file (F32, F64, I32, and I64 into int32); a malformed one throws SafetensorsError naming the file.
 * @example const { tensors, metadata } = await io.loadSafetensors("model.safetensors");
 */
export async function loadSafetensors(file: string): Promise<SafetensorsContents> {
  const bytes = await readChecked(file);
  try {
    return decodeSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) throw new SafetensorsError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The bytes of a safetensors file, read only after its header length fits the file. */
export async function readChecked(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new Error(`cannot read "${file}": ${describeFsError(error)}`, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    const prefix = new Uint8Array(8);
    await handle.read(prefix, 0, 8, 0);
    headerLength(prefix, size);
    const bytes = new Uint8Array(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    if (bytesRead !== size) throw new SafetensorsError(`the file changed while being read`);
    return bytes;
  } catch (error) {
    if (error instanceof SafetensorsError) throw new SafetensorsError(`${file}: ${error.message}`);
    throw new Error(`cannot read "${file}": ${describeFsError(error)}`, { cause: error });
  } finally {
    await handle.close();
  }
}
