// Checkpoints: exact round trip of model, optimizer and RNG state; atomic under kill -9; read-only directories.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  type FSWatcher,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Generator } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/creation.js";
import { MLP } from "../../src/nn/mlp.js";
import { Adam } from "../../src/optim/adam.js";
import { decodeCheckpoint, encodeCheckpoint } from "../../src/io/checkpoint.js";
import { loadCheckpoint, saveCheckpoint } from "../../src/io/node/checkpoint-file.js";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import { encodeSafetensors } from "../../src/io/safetensors.js";
import { makeReadOnly } from "../reliability/read-only-dir.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "gradus-checkpoint-"));

function trainedState() {
  const generator = new Generator(3);
  const model = new MLP([4, 5, 2], { generator, dtype: "float64" });
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const x = randn([8, 4], { generator, dtype: "float64" });
  model.forward(x).square().sum().backward();
  optimizer.step();
  generator.normal();
  return { model, optimizer, generator };
}

test("model, optimizer slots, RNG state, epoch, config and history round-trip exactly", () => {
  const { model, optimizer, generator } = trainedState();
  const bytes = encodeCheckpoint({
    epoch: 4,
    model: model.stateDict(),
    optimizer: optimizer.stateDict(),
    rng: generator.getState(),
    config: { model: "mlp", sizes: [4, 5, 2] },
    history: { loss: [0.5, 0.25] },
  });
  const restored = decodeCheckpoint(bytes);
  assert.equal(restored.epoch, 4);
  assert.deepEqual(restored.config, { model: "mlp", sizes: [4, 5, 2] });
  assert.deepEqual(restored.history, { loss: [0.5, 0.25] });
  assert.deepEqual(restored.optimizer, optimizer.stateDict());
  const twin = new Generator(99);
  twin.setState(restored.rng!);
  assert.equal(twin.normal(), generator.normal());
  assert.equal(twin.uniform(), generator.uniform());
  const copy = new MLP([4, 5, 2], { generator: new Generator(7), dtype: "float64" });
  copy.loadStateDict(restored.model);
  for (const [name, value] of Object.entries(model.stateDict())) {
    assert.deepEqual(copy.stateDict()[name]!.dataSync(), value.dataSync(), name);
  }
});

test("a safetensors file that is not a checkpoint is rejected", () => {
  assert.throws(() => decodeCheckpoint(encodeSafetensors({})), SafetensorsError);
});

/** Starts the checkpoint writer; `kill` decides, from its save count, when to send SIGKILL. */
async function killWriter(file: string, kill: (child: ChildProcess, saves: number) => void) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/io/fixtures/checkpoint-writer.ts", file, "1000000"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let saves = 0;
  let armed = false;
  await new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      saves += (chunk.toString().match(/saved/g) ?? []).length;
      // NOTE: one chunk may carry several "saved" lines on a loaded machine: arm once, at ≥ 2
      if (!armed && saves >= 2) {
        armed = true;
        kill(child, saves);
      }
    });
    child.on("exit", () => resolve());
  });
  return saves;
}

/** The sizes of the writer's temp files left in `dir` (removed), i.e. saves cut off before the rename. */
function takeTempFiles(dir: string): number[] {
  const temps = readdirSync(dir).filter((name) => name.endsWith(".tmp"));
  const sizes = temps.map((name) => statSync(join(dir, name)).size);
  for (const name of temps) rmSync(join(dir, name));
  return sizes;
}

test("kill -9 during repeated saves, also mid-write, leaves the previous checkpoint loadable", async (t) => {
  const dir = tempDir();
  const file = join(dir, "checkpoint.safetensors");
  const cutOff: number[] = [];
  // Timed kills after the second save, then kills sent the moment a new temp file appears (inside a write).
  const plans = [0, 37, 113, "temp", "temp", "temp", "temp", "temp"] as const;
  for (const plan of plans) {
    let watcher: FSWatcher | undefined;
    let fallback: NodeJS.Timeout | undefined;
    const saves = await killWriter(file, (child) => {
      if (plan !== "temp") setTimeout(() => child.kill("SIGKILL"), plan);
      else {
        watcher = watch(dir, (_, name) => {
          if (name?.endsWith(".tmp") === true) child.kill("SIGKILL");
        });
        // NOTE: on a loaded machine the watcher can miss the temp file; the writer must still stop
        fallback = setTimeout(() => child.kill("SIGKILL"), 3000);
      }
    });
    clearTimeout(fallback);
    watcher?.close();
    cutOff.push(...takeTempFiles(dir));
    assert.ok(saves >= 2);
    const checkpoint = await loadCheckpoint(file);
    assert.ok(checkpoint.epoch >= saves, `epoch ${checkpoint.epoch} after ${saves} saves`);
    const weight = checkpoint.model.weight!.dataSync();
    assert.equal(weight.length, 1_000_000);
    assert.ok(weight.every((value) => value === checkpoint.epoch));
    assert.ok(Number.isNaN(checkpoint.rng![4]));
  }
  // The kills did land inside saves: temp files (some partly written) were left, and nothing else.
  const full = statSync(file).size;
  t.diagnostic(
    `${cutOff.length} of ${plans.length} kills cut a save off; temp bytes ${cutOff.join(", ")} of ${full}`,
  );
  assert.ok(cutOff.length >= 3, `only ${cutOff.length} of ${plans.length} kills cut a save off`);
  assert.deepEqual(readdirSync(dir), ["checkpoint.safetensors"]);
});

test("a read-only output directory: one clear error, the saved checkpoint untouched", async (t) => {
  const dir = join(tempDir(), "out");
  mkdirSync(dir);
  const file = join(dir, "checkpoint.safetensors");
  const { model } = trainedState();
  await saveCheckpoint(file, { epoch: 1, model: model.stateDict() });
  const before = readFileSync(file);
  const undo = makeReadOnly(dir);
  if (undo === null) {
    t.skip("cannot make a directory read-only here");
    return;
  }
  try {
    await assert.rejects(
      saveCheckpoint(file, { epoch: 2, model: model.stateDict() }),
      (error: Error) =>
        /^cannot write ".*checkpoint\.safetensors": (permission denied|operation not permitted|read-only)/.test(
          error.message,
        ),
    );
  } finally {
    undo();
  }
  assert.deepEqual(readFileSync(file), before);
  assert.equal((await loadCheckpoint(file)).epoch, 1);
  assert.deepEqual(readdirSync(dir), ["checkpoint.safetensors"]);
});
