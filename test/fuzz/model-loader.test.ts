// Fuzzing the saved-model loader behind `gradus predict/eval --model`: valid, field-tampered, text-edited
// and byte-edited model files load (and predict) or throw one error naming the file — never a crash,
// a hang, or an allocation beyond the file's size (a config may not make gradus build a 16 GB MLP).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import { decodeSafetensors, encodeSafetensors } from "../../src/io/safetensors.js";
import { applyFeatures, type FeatureSpec } from "../../src/cli/features.js";
import { buildModel, predictRows, type ModelConfig } from "../../src/cli/model-config.js";
import { modelFromContents } from "../../src/cli/saved-model.js";
import { locatedRecord } from "../../src/cli/records.js";
import { applyByteEdits, applyEdits, byteEdits, edits, Tally } from "./fuzz-support.js";

const SEED = 19_019;
const FILE = "fuzz/model.safetensors";
const tally = new Tally();
let worstRatio = 0;

/** A valid model file: config, feature spec and weights as `gradus train` writes them. */
const validModel = fc
  .record({
    model: fc.constantFrom("logreg", "softmax", "mlp"),
    features: fc.integer({ min: 1, max: 5 }),
    classes: fc.integer({ min: 2, max: 4 }),
    hidden: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    text: fc.boolean(),
    categorical: fc.boolean(),
  })
  .map(({ model, features, classes, hidden, text, categorical }) => {
    const names = Array.from({ length: model === "logreg" ? 2 : classes }, (_, i) => `c${i}`);
    const config: ModelConfig = {
      model,
      features,
      classes: names,
      hidden: model === "mlp" ? hidden : [],
      seed: 3,
    } as ModelConfig;
    const oneHot = categorical && features >= 2 ? ["a", "b"] : null;
    const columns = Array.from({ length: oneHot ? features - 1 : features }, (_, i) => `x${i}`);
    const spec: FeatureSpec = text
      ? {
          kind: "text",
          column: "text",
          tfidf: {
            options: { minCount: 2, sublinearTf: true },
            tokens: Array.from({ length: features }, (_, i) => `w${i}`),
            idf: Array.from({ length: features }, () => 1.5),
          },
        }
      : {
          kind: "numeric",
          columns,
          mean: Array.from({ length: features }, () => 0),
          std: Array.from({ length: features }, () => 1),
          ...(oneHot ? { categorical: { [columns[0]!]: oneHot } } : {}),
        };
    const metadata = {
      format: "gradus.model/1",
      config: JSON.stringify(config),
      features: JSON.stringify(spec),
    };
    return { bytes: encodeSafetensors(buildModel(config).stateDict(), metadata), metadata };
  });

/** Loads `bytes` as a model and, when it loads, predicts two records with it. */
function loadOrReject(bytes: Uint8Array): boolean {
  const before = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  const outcome = tally.run(
    () => {
      const saved = modelFromContents(FILE, decodeSafetensors(bytes));
      const spec = saved.features;
      const cell = (column: string) =>
        spec.kind === "numeric" && spec.categorical?.[column] ? spec.categorical[column]![0]! : "1";
      const records = [1, 2].map((line) =>
        locatedRecord(
          spec.kind === "text"
            ? { [spec.column]: "w0 w1 hello" }
            : Object.fromEntries(spec.columns.map((column) => [column, cell(column)])),
          `fuzz.csv:${line}`,
        ),
      );
      return predictRows(saved.model, saved.config, applyFeatures(spec, records));
    },
    Error,
    (error) => {
      assert.ok(
        error instanceof SafetensorsError || error.constructor === Error,
        `${error.name}: ${error.message}`,
      );
      assert.ok(error instanceof SafetensorsError || error.message.startsWith(FILE), error.message);
    },
  );
  const grown = process.memoryUsage().arrayBuffers - before;
  worstRatio = Math.max(worstRatio, grown / Math.max(bytes.length, 1));
  assert.ok(
    grown <= 4 * bytes.length + 256 * 1024,
    `${grown} bytes for a ${bytes.length}-byte file`,
  );
  assert.ok(performance.now() - started < 2000, "took over 2 s");
  return outcome.ok;
}

function predictWarm(bytes: Uint8Array): void {
  const saved = modelFromContents(FILE, decodeSafetensors(bytes));
  if (saved.features.kind === "text") {
    const records = [locatedRecord({ [saved.features.column]: "w0 hello" }, "warm:1")];
    predictRows(saved.model, saved.config, applyFeatures(saved.features, records));
  }
}

const encode = (bytes: Uint8Array, metadata: Record<string, string>) => {
  const { tensors } = decodeSafetensors(bytes);
  return encodeSafetensors(tensors, metadata);
};

test("valid model files load and predict", () => {
  // first use of the kernels, tokenizer and backend memory happens once, outside the meter
  for (const { bytes } of fc.sample(validModel, { seed: 2, numRuns: 20 })) predictWarm(bytes);
  fc.assert(
    fc.property(validModel, ({ bytes }) => assert.ok(loadOrReject(bytes))),
    { seed: SEED, numRuns: 500 },
  );
});

const HOSTILE = [
  60000,
  2 ** 31,
  30694000000000,
  -4,
  0,
  1.5,
  Number.MAX_VALUE,
  "4",
  null,
  [],
  {},
  [60000, 60000],
  ["a"],
  Array.from({ length: 50 }, () => 7),
];

test("config and feature fields set to hostile values are refused before building", () => {
  const fields = [
    "model",
    "features",
    "classes",
    "hidden",
    "seed",
    "kind",
    "columns",
    "mean",
    "std",
    "tfidf",
    "categorical",
  ];
  fc.assert(
    fc.property(
      validModel,
      fc.constantFrom(...fields),
      fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 2 })),
      ({ bytes, metadata }, field, value) => {
        const part = ["model", "features", "classes", "hidden", "seed"].includes(field)
          ? "config"
          : "features";
        const parsed = JSON.parse(metadata[part]) as Record<string, unknown>;
        parsed[field] = value;
        loadOrReject(encode(bytes, { ...metadata, [part]: JSON.stringify(parsed) }));
      },
    ),
    { seed: SEED, numRuns: 3500 },
  );
});

test("edited config and feature JSON texts (truncated, cut, spliced) load or name the file", () => {
  const pieces = ['"', "{", "}", "[", "]", ",", ":", "9", "e9", "-", " ", "60000", '"mlp"', "null"];
  fc.assert(
    fc.property(
      validModel,
      fc.constantFrom("config", "features"),
      edits(pieces),
      ({ bytes, metadata }, part, changes) => {
        loadOrReject(encode(bytes, { ...metadata, [part]: applyEdits(metadata[part]!, changes) }));
      },
    ),
    { seed: SEED, numRuns: 3500 },
  );
});

test("byte flips, insertions, deletions and truncations of model files load or are refused", () => {
  fc.assert(
    fc.property(validModel, byteEdits, fc.option(fc.nat()), ({ bytes }, changes, cut) => {
      loadOrReject(applyByteEdits(bytes, changes, cut));
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test("the issue's files: hidden [60000, 60000], a truncated config, a huge and a negative feature count", () => {
  const { bytes, metadata } = fc.sample(validModel, { seed: 1, numRuns: 1 })[0]!;
  const config = JSON.parse(metadata.config) as Record<string, unknown>;
  const cases: [Record<string, unknown> | string, RegExp][] = [
    [
      { ...config, model: "mlp", hidden: [60000, 60000] },
      /parameter "layers\.0\.weight" \[60000, \d+\] is not in the file/,
    ],
    [metadata.config.slice(0, 20), /metadata "config" is not valid JSON/],
    [
      { ...config, features: 30694000000000 },
      /describes "(weight|layers\.0\.weight)" as \[.*30694000000000.*\], but the file holds/,
    ],
    [{ ...config, features: -4 }, /field "features" must be a positive integer, got -4/],
  ];
  for (const [value, message] of cases) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    assert.throws(
      () =>
        modelFromContents(FILE, decodeSafetensors(encode(bytes, { ...metadata, config: text }))),
      message,
    );
  }
});

test("fuzz summary: at least 10,000 model files", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("model loader"));
  assert.ok(tally.parsed > 500 && tally.rejected > 5000, tally.summary("model loader"));
  t.diagnostic(
    `${tally.summary("model loader")}; arrayBuffers grew by at most ${worstRatio.toFixed(2)}× the file size`,
  );
});
