// The data namespace: datasets, the DataLoader, splitting, encoding, scaling and toy problems.
export type { Dataset } from "./dataset.js";
export { TensorDataset } from "./dataset.js";
export { DataLoader, type DataLoaderOptions } from "./data-loader.js";
export { permutation, drawWithReplacement } from "./sampling.js";
export { trainTestSplit, type SplitOptions } from "./train-test-split.js";
export { oneHot } from "./one-hot.js";
export { standardize, type Standardizer } from "./standardize.js";
export {
  makeBlobs,
  makeMoons,
  type ToyData,
  type BlobsOptions,
  type MoonsOptions,
} from "./toy-data.js";
// Text features (tokeniser, vocabulary, bag of words, TF-IDF, hashing) and CSV/JSONL readers.
export * from "./text/index.js";
export * from "./readers/index.js";
