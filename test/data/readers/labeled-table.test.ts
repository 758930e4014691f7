// Tables to training data: labels (numeric or classes), text columns, numeric features, cell errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../../src/data/readers/csv.js";
import { parseJsonl } from "../../../src/data/readers/jsonl.js";
import {
  labeledFeatures,
  labeledTexts,
  readLabels,
} from "../../../src/data/readers/labeled-table.js";

const csv = "x1,x2,species\n1.5,2,b\n-3,4e-1,a\n0,7,b\n";

test("numeric features with class labels numbered in sorted order", () => {
  const { features, labels, classes, featureNames } = labeledFeatures(parseCsv(csv), {
    label: "species",
  });
  assert.deepEqual(featureNames, ["x1", "x2"]);
  assert.deepEqual(features.toArray(), [
    [1.5, 2],
    [-3, Math.fround(0.4)],
    [0, 7],
  ]);
  assert.deepEqual(classes, ["a", "b"]);
  assert.equal(labels.dtype, "int32");
  assert.deepEqual(labels.toArray(), [1, 0, 1]);
  const chosen = labeledFeatures(parseCsv(csv), { label: "x1", features: ["x2"] });
  assert.deepEqual(chosen.features.toArray(), [[2], [Math.fround(0.4)], [7]]);
  assert.deepEqual(chosen.labels.toArray(), [1.5, -3, 0]);
  assert.equal(chosen.classes, null);
});

test("texts and 0/1 labels from CSV and JSONL", () => {
  const fromCsv = labeledTexts(parseCsv('body,spam\n"Win, now",1\nhello,0\n'), {
    label: "spam",
    text: "body",
  });
  assert.deepEqual(fromCsv.texts, ["Win, now", "hello"]);
  assert.deepEqual(fromCsv.labels.toArray(), [1, 0]);
  assert.equal(fromCsv.labels.dtype, "float32");
  const fromJsonl = labeledTexts(parseJsonl('{"t": "a", "y": true}\n{"t": "b", "y": false}'), {
    label: "y",
    text: "t",
  });
  assert.deepEqual(fromJsonl.classes, ["false", "true"]);
  assert.deepEqual(fromJsonl.labels.toArray(), [1, 0]);
});

test("errors name the file, the line and the column", () => {
  const bad = parseCsv("x1,label\n1,0\n2,1\nabc,1\n", { source: "data.csv" });
  assert.throws(() => labeledFeatures(bad, { label: "label" }), {
    name: "DataFormatError",
    message: 'data.csv:4: column "x1": expected a number, got "abc"',
  });
  const table = parseCsv("x1,label\n1,0\n", { source: "data.csv" });
  assert.throws(() => labeledFeatures(table, { label: "target" }), {
    message: 'data.csv: no column "target" (columns: x1, label)',
  });
  assert.throws(() => readLabels(parseCsv("a,label\n1,\n", { source: "data.csv" }), "label"), {
    message: 'data.csv:2: column "label": missing label',
  });
  const jsonl = parseJsonl('{"text": "ok", "y": 1}\n{"text": 5, "y": 0}\n', { source: "d.jsonl" });
  assert.throws(() => labeledTexts(jsonl, { label: "y", text: "text" }), {
    message: 'd.jsonl:2: column "text": expected text, got 5',
  });
  const missing = parseJsonl('{"a": 1, "y": 0}\n{"y": 1}\n', { source: "d.jsonl" });
  assert.throws(() => labeledFeatures(missing, { label: "y" }), {
    message: 'd.jsonl:2: column "a": expected a number, got nothing',
  });
});
