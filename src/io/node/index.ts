// The io namespace for Node: the core byte codecs plus atomic file saves and checked loads.
export {
  SafetensorsError,
  encodeSafetensors,
  decodeSafetensors,
  encodeCheckpoint,
  decodeCheckpoint,
  type SafetensorsContents,
  type Checkpoint,
  type SavedOptimizerState,
} from "../index.js";
export { saveSafetensors, loadSafetensors } from "./safetensors-file.js";
export { saveCheckpoint, loadCheckpoint } from "./checkpoint-file.js";
export { writeFileAtomic, describeFsError } from "./atomic-write.js";
