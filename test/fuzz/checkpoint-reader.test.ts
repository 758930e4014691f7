// Fuzzing the checkpoint loader behind `--resume` and fit's `resume`: valid, field-tampered, text-edited
// and byte-edited checkpoints decode and resume (and training continues) or throw one error —
// SafetensorsError from the decoder, "fit: resume: …" naming the field — never a crash or a big allocation.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import { decodeSafetensors, encodeSafetensors } from "../../src/io/safetensors.js";
import { decodeCheckpoint, encodeCheckpoint } from "../../src/io/checkpoint.js";
import { data, Generator, nn, optim, randn } from "../../src/index.js";
import { resumeFrom } from "../../src/optim/resume.js";
import { applyByteEdits, applyEdits, byteEdits, edits, Tally } from "./fuzz-support.js";

const SEED = 20_020;
const tally = new Tally();
let continued = 0;

/** A tiny problem: 24 samples, an MLP and Adam (or SGD with momentum), batches of 8. */
function problem(adam: boolean) {
  const generator = new Generator(1);
  const X = randn([24, 3], { generator });
  const y = X.sum(1).gt(0);
  const model = new nn.MLP([3, 4, 2], { generator: new Generator(2) });
  const optimizer = adam
    ? new optim.Adam(model.parameters(), { lr: 0.01 })
    : new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const loader = new data.DataLoader(new data.TensorDataset(X, y), {
    batchSize: 8,
    shuffle: true,
    generator: new Generator(3),
  });
  return { model, optimizer, loader };
}

/** Checkpoints fit writes: after an epoch, or mid-epoch after `stop` steps. */
async function checkpoints(adam: boolean): Promise<Uint8Array[]> {
  const files: Uint8Array[] = [];
  for (const stop of [2, 3, 7]) {
    const { model, optimizer, loader } = problem(adam);
    const controller = new AbortController();
    await optim.fit(model, {
      loader,
      loss: nn.crossEntropy,
      optimizer,
      epochs: 3,
      metrics: { accuracy: optim.accuracy },
      signal: controller.signal,
      checkpoint: { save: (state) => void files.push(encodeCheckpoint(state)), config: { run: 1 } },
      onBatch: (logs) => (logs.step === stop ? controller.abort() : undefined),
    });
  }
  return files;
}

/** Decodes and resumes `bytes`; for some loaded ones, trains on to the end. */
async function resumeOrReject(bytes: Uint8Array, adam: boolean, trainOn: boolean): Promise<void> {
  const before = process.memoryUsage().arrayBuffers;
  const { model, optimizer, loader } = problem(adam);
  let state;
  const decoded = tally.run(
    () => decodeCheckpoint(bytes),
    SafetensorsError,
    (error) =>
      assert.ok(
        error.message.startsWith("checkpoint: ") || error.message.startsWith("safetensors: "),
        error.message,
      ),
  );
  if (!decoded.ok) return;
  tally.parsed--; // counted once below, as resumed or rejected
  try {
    await resumeFrom(model, optimizer, loader.generator, decoded.value, ["accuracy"]);
    state = decoded.value;
    tally.parsed++;
  } catch (error) {
    assert.ok(error instanceof Error && error.constructor === Error, String(error));
    assert.match(error.message, /^fit: resume: /);
    tally.rejected++;
    return;
  }
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown <= 4 * bytes.length + 256 * 1024, `${grown} bytes for ${bytes.length}`);
  if (!trainOn) return;
  const fresh = problem(adam);
  const result = await optim.fit(fresh.model, {
    loader: fresh.loader,
    loss: nn.crossEntropy,
    optimizer: fresh.optimizer,
    epochs: 3,
    metrics: { accuracy: optim.accuracy },
    resume: state,
  });
  assert.equal(result.interrupted, null);
  continued++;
}

/** `bytes` with its "state" metadata replaced. */
function withState(bytes: Uint8Array, state: string): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(bytes);
  return encodeSafetensors(tensors, { ...metadata, state });
}

const stateOf = (bytes: Uint8Array) => decodeSafetensors(bytes).metadata.state!;

test("checkpoints fit wrote resume and train on", async () => {
  for (const adam of [true, false])
    for (const bytes of await checkpoints(adam)) await resumeOrReject(bytes, adam, true);
  assert.ok(continued >= 10);
});

const HOSTILE = [
  -1,
  1.5,
  2 ** 60,
  "3",
  null,
  [],
  {},
  [1, 2],
  { loss: "x" },
  true,
  Number.MAX_VALUE,
];

test("state and history fields set to hostile values: resumed or one error naming the field", async () => {
  const files = { adam: await checkpoints(true), sgd: await checkpoints(false) };
  const paths = [
    "epoch",
    "rng",
    "optimizer",
    "optimizer.kind",
    "optimizer.stepCount",
    "optimizer.slots",
    "optimizer.hyperparameters",
  ];
  const historyPaths = [
    "loss",
    "metrics",
    "validationLoss",
    "partial",
    "partial.batch",
    "partial.samples",
    "partial.loss",
    "partial.metrics",
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.nat(),
      fc.constantFrom(
        ...paths.map((p) => ["state", p]),
        ...historyPaths.map((p) => ["history", p]),
      ),
      fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 2 })),
      fc.nat(20),
      async (adam, pick, [part, path], value, trainChance) => {
        const list = adam ? files.adam : files.sgd;
        const bytes = list[pick % list.length]!;
        const { tensors, metadata } = decodeSafetensors(bytes);
        const parsed = JSON.parse(metadata[part!] ?? "{}") as Record<string, unknown>;
        const keys = path!.split(".");
        let target = parsed;
        for (const key of keys.slice(0, -1)) {
          if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
          target = target[key] as Record<string, unknown>;
        }
        target[keys.at(-1)!] = value;
        const edited = encodeSafetensors(tensors, { ...metadata, [part!]: JSON.stringify(parsed) });
        await resumeOrReject(edited, adam, trainChance === 0);
      },
    ),
    { seed: SEED, numRuns: 4000 },
  );
});

test("edited state texts and byte edits of checkpoints: resumed or refused", async () => {
  const files = await checkpoints(true);
  const pieces = ['"', "{", "}", "[", "]", ",", ":", "9", "e9", "-", " ", "null", '"partial"'];
  await fc.assert(
    fc.asyncProperty(fc.nat(), edits(pieces), async (pick, changes) => {
      const bytes = files[pick % files.length]!;
      await resumeOrReject(withState(bytes, applyEdits(stateOf(bytes), changes)), true, false);
    }),
    { seed: SEED, numRuns: 3000 },
  );
  await fc.assert(
    fc.asyncProperty(fc.nat(), byteEdits, async (pick, changes) => {
      await resumeOrReject(applyByteEdits(files[pick % files.length]!, changes), true, false);
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test("fuzz summary: at least 10,000 checkpoints", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("checkpoint loader"));
  assert.ok(tally.parsed > 200 && tally.rejected > 3000, tally.summary("checkpoint loader"));
  t.diagnostic(`${tally.summary("checkpoint loader")}; ${continued} resumed runs trained on`);
});
