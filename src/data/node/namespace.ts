// The data namespace as Node sees it: everything in data/ plus the dataset loaders and file readers.
export * from "../index.js";
export * from "./index.js";
