// await fit(model, { loader, loss, … }): checkpoints, exact resume from any step (mid-epoch included)
// through an AbortSignal, callbacks, checks on untrusted resume states, and checkpoint files by path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { data, Generator, io, nn, optim, randn, type Tensor } from "../../src/node.js";

/** Three Gaussian blobs in 4-D with int32 labels, and a fresh MLP + Adam on them. */
function problem(seed: number) {
  const generator = new Generator(seed);
  const X = randn([120, 4], { generator, dtype: "float64" });
  const y = X.matmul(randn([4, 3], { generator, dtype: "float64" })).argmax(1);
  const model = new nn.MLP([4, 8, 3], { generator: new Generator(seed + 1), dtype: "float64" });
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.01 });
  const loader = new data.DataLoader(new data.TensorDataset(X, y), {
    batchSize: 16,
    shuffle: true,
    generator: new Generator(seed + 2),
  });
  return { model, optimizer, loader };
}

const weightsOf = (model: nn.Module) =>
  Object.values(model.stateDict()).map((t: Tensor) => Array.from(t.dataSync()));

const BATCHES = 8; // ⌈120 / 16⌉
const EPOCHS = 3;

/** Trains with an in-memory checkpoint; the signal aborts after `stopAfter` steps. */
async function run(seed: number, options: { stopAfter?: number; resume?: optim.TrainingState }) {
  const { model, optimizer, loader } = problem(seed);
  const saved: optim.TrainingState[] = [];
  const controller = new AbortController();
  const result = await optim.fit(model, {
    loader,
    loss: nn.crossEntropy,
    optimizer,
    epochs: EPOCHS,
    metrics: { accuracy: optim.accuracy },
    signal: controller.signal,
    checkpoint: { save: (state) => void saved.push(state) },
    ...(options.resume === undefined ? {} : { resume: options.resume }),
    onBatch: (logs) => {
      if (logs.step === options.stopAfter) controller.abort();
    },
  });
  return { result, saved, weights: weightsOf(model) };
}

test("a stop after any step, then resume from its checkpoint, gives the uninterrupted weights and history", async () => {
  const reference = await run(3, {});
  assert.equal(reference.result.interrupted, null);
  assert.equal(reference.saved.length, EPOCHS);
  assert.ok(reference.result.loss.at(-1)! < reference.result.loss[0]!);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: EPOCHS * BATCHES - 1 }), async (stopAfter) => {
      const stopped = await run(3, { stopAfter });
      const epoch = Math.ceil(stopAfter / BATCHES);
      const batch = stopAfter % BATCHES;
      assert.deepEqual(stopped.result.interrupted, { epoch, batch });
      const state = stopped.saved.at(-1)!;
      assert.equal(state.epoch, batch === 0 ? epoch : epoch - 1);
      const resumed = await run(3, { resume: state });
      assert.equal(resumed.result.interrupted, null);
      assert.deepEqual(resumed.weights, reference.weights);
      assert.deepEqual(resumed.result.loss, reference.result.loss);
      assert.deepEqual(resumed.result.metrics, reference.result.metrics);
    }),
    { seed: 15, numRuns: 12 },
  );
});

test("callbacks see every batch and epoch; checkpoint.every spaces the saves; onEpoch may stop", async () => {
  const { model, optimizer, loader } = problem(4);
  const batches: string[] = [];
  const saves: number[] = [];
  const result = await optim.fit(model, {
    loader,
    loss: nn.crossEntropy,
    optimizer,
    epochs: 5,
    checkpoint: { save: (state) => void saves.push(state.epoch), every: 2 },
    onBatch: (logs) => batches.push(`${logs.epoch}.${logs.batch}/${logs.batches}`),
    onEpoch: (logs) => logs.epoch === 4,
  });
  assert.equal(batches.length, 4 * BATCHES);
  assert.equal(batches[0], "1.1/8");
  assert.deepEqual(saves, [2, 4]);
  assert.equal(result.epochs, 4);
  assert.deepEqual(result.metrics, {});
});

test("an untrusted resume state is checked: each problem names the field", async () => {
  const { saved } = await run(5, { stopAfter: 3 });
  const state = saved.at(-1)!;
  const broken: [optim.TrainingState, RegExp][] = [
    [{ ...state, epoch: -1 }, /fit: resume: epoch must be a non-negative integer/],
    [{ ...state, history: { loss: "x" } }, /fit: resume: history\.loss must be a list of numbers/],
    [
      { ...state, history: { loss: [], partial: { batch: 0 } } },
      /history\.partial must count the batches/,
    ],
    [{ ...state, model: {} }, /fit: resume: loadStateDict: missing keys/],
  ];
  for (const [bad, message] of broken) {
    const { model, optimizer, loader } = problem(5);
    await assert.rejects(
      optim.fit(model, { loader, loss: nn.crossEntropy, optimizer, epochs: 2, resume: bad }),
      message,
    );
  }
});

test("checkpoint.path writes an io checkpoint file (Node entry) and resume takes its path", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "gradus-fit-")), "run.safetensors");
  const first = problem(6);
  const controller = new AbortController();
  const stopped = await optim.fit(first.model, {
    loader: first.loader,
    loss: nn.crossEntropy,
    optimizer: first.optimizer,
    epochs: 2,
    checkpoint: { path: file, config: { note: "kept" } },
    signal: controller.signal,
    onBatch: (logs) => (logs.step === 11 ? controller.abort() : undefined),
  });
  assert.deepEqual(stopped.interrupted, { epoch: 2, batch: 3 });
  assert.deepEqual((await io.loadCheckpoint(file)).config, { note: "kept" });
  const second = problem(6);
  const resumed = await optim.fit(second.model, {
    loader: second.loader,
    loss: nn.crossEntropy,
    optimizer: second.optimizer,
    epochs: 2,
    resume: file,
  });
  const reference = problem(6);
  await optim.fit(reference.model, {
    loader: reference.loader,
    loss: nn.crossEntropy,
    optimizer: reference.optimizer,
    epochs: 2,
  });
  assert.equal(resumed.epochs, 2);
  assert.deepEqual(weightsOf(second.model), weightsOf(reference.model));
  await assert.rejects(
    optim.fit(second.model, {
      loader: second.loader,
      loss: nn.crossEntropy,
      optimizer: second.optimizer,
      epochs: 1,
      resume: `${file}.missing`,
    }),
    /missing/,
  );
});
