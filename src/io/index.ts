// The io namespace (core, no file system): safetensors and checkpoints as bytes.
export { SafetensorsError } from "./safetensors-error.js";
export { encodeSafetensors, decodeSafetensors, type SafetensorsContents } from "./safetensors.js";
export {
  encodeCheckpoint,
  decodeCheckpoint,
  type Checkpoint,
  type SavedOptimizerState,
} from "./checkpoint.js";
