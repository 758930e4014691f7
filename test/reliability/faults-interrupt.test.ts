// An interrupted training loop (optim.fit as the CLI calls it, its AbortSignal fired after step k)
// checkpoints mid-epoch and resumes bit for bit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsrMatrix } from "../../src/tensor/sparse/csr-matrix.js";
import { Generator } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/creation.js";
import { loadCheckpoint } from "../../src/io/node/checkpoint-file.js";
import { buildModel, type FeatureRows, type ModelConfig } from "../../src/cli/model-config.js";
import { makeOptimizer, type TrainingSettings } from "../../src/cli/training-options.js";
import { trainModel } from "../../src/cli/training-run.js";
import type { TrainingHistory, TrainingState } from "../../src/optim/training-state.js";

const generator = new Generator(6);
const dense = randn([300, 5], { generator });
const labels = Int32Array.from(dense.sum(1).dataSync(), (v) => (v > 0 ? 1 : 0));
const sparse = CsrMatrix.fromDense(dense.mul(dense.gt(0.3)));
const BATCHES = Math.ceil(240 / 16);
const EPOCHS = 3;

interface Case {
  readonly config: ModelConfig;
  readonly settings: TrainingSettings;
  readonly rows: FeatureRows;
}
const settings = (optimizer: "sgd" | "adam"): TrainingSettings => ({
  optimizer,
  lr: 0.05,
  batchSize: 16,
  epochs: EPOCHS,
  seed: 2,
});
const base = { features: 5, classes: ["no", "yes"], hidden: [], seed: 2 };
const cases: Record<string, Case> = {
  "logreg, sparse rows, SGD": {
    config: { ...base, model: "logreg" },
    settings: settings("sgd"),
    rows: sparse,
  },
  "mlp, dense rows, Adam": {
    config: { ...base, model: "mlp", hidden: [8] },
    settings: settings("adam"),
    rows: dense,
  },
};

/** Trains a case from scratch, or from `file`'s checkpoint; `stopAfter` requests a stop after that many steps. */
async function train(c: Case, file: string, options: { resume?: boolean; stopAfter?: number }) {
  const model = buildModel(c.config);
  const optimizer = makeOptimizer(model, c.settings, 0.05);
  const resume: TrainingState | undefined =
    options.resume === true ? await loadCheckpoint(file) : undefined;
  const controller = new AbortController();
  let steps = 0;
  const outcome = await trainModel({
    model,
    config: c.config,
    optimizer,
    generator: new Generator(c.settings.seed),
    rows: "selectRows" in c.rows ? c.rows.sliceRows(0, 240) : c.rows.slice(0, 0, 240),
    labels: labels.subarray(0, 240),
    batchSize: 16,
    epochs: EPOCHS,
    checkpoint: { path: file, config: c.config },
    ...(resume === undefined ? {} : { resume }),
    progress: (p) => {
      if (!p.done && ++steps === options.stopAfter) controller.abort();
    },
    signal: controller.signal,
  });
  const weights = Object.values(model.stateDict()).map((t) => Array.from(t.dataSync()));
  return { ...outcome, weights };
}

for (const [name, c] of Object.entries(cases)) {
  test(`${name}: a stop mid-epoch, at an epoch's end and at the last step resumes to the same weights`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "gradus-interrupt-"));
    const reference = await train(c, join(dir, "reference.safetensors"), {});
    assert.equal(reference.interrupted, null);
    const stops = [
      { after: BATCHES + 7, at: { epoch: 2, batch: 7 } },
      { after: 1, at: { epoch: 1, batch: 1 } },
      { after: 2 * BATCHES, at: { epoch: 2, batch: 0 } },
      { after: EPOCHS * BATCHES, at: null },
    ];
    for (const { after, at } of stops) {
      const file = join(dir, `stop-${after}.safetensors`);
      const stopped = await train(c, file, { stopAfter: after });
      assert.deepEqual(stopped.interrupted, at, `stop after ${after} steps`);
      if (at === null) {
        assert.deepEqual(stopped.weights, reference.weights);
        continue;
      }
      const checkpoint = await loadCheckpoint(file);
      assert.equal(checkpoint.epoch, at.batch === 0 ? at.epoch : at.epoch - 1);
      assert.equal(
        (checkpoint.history as TrainingHistory).partial?.batch,
        at.batch === 0 ? undefined : at.batch,
      );
      const resumed = await train(c, file, { resume: true });
      assert.equal(resumed.interrupted, null);
      assert.deepEqual(resumed.weights, reference.weights, `resumed after ${after} steps`);
      assert.deepEqual(resumed.history, reference.history);
    }
  });
}
