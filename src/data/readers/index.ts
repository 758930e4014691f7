// Readers for the data namespace: CSV and JSONL parsing on strings and their conversion to training data.
export { DataFormatError, type Table } from "./data-format-error.js";
export { parseCsv, type CsvOptions } from "./csv.js";
export { parseJsonl } from "./jsonl.js";
export { readLabels, labeledTexts, labeledFeatures, type Labels } from "./labeled-table.js";
