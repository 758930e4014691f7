// PyTorch's int64 tensors (num_batches_tracked) read as int32: a BatchNorm2d state dict written in
// PyTorch's safetensors layout loads into nn.BatchNorm2d unchanged; values beyond int32 are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nn, randn } from "../../src/index.js";
import { loadSafetensors } from "../../src/io/node/safetensors-file.js";
import { SafetensorsError } from "../../src/io/safetensors-error.js";
import { decodeSafetensors } from "../../src/io/safetensors.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture("pytorch-batchnorm2d.json"), "utf8")) as {
  keys: string[];
  state: Record<string, { shape: number[]; values: number[] }>;
};

test("a PyTorch BatchNorm2d state dict (I64 num_batches_tracked) loads into nn.BatchNorm2d", async () => {
  const { tensors } = await loadSafetensors(fixture("pytorch-batchnorm2d.safetensors"));
  const steps = tensors.num_batches_tracked!;
  assert.equal(steps.dtype, "int32");
  assert.deepEqual(steps.shape, []);
  assert.equal(steps.item(), 3);
  const layer = new nn.BatchNorm2d(3);
  assert.deepEqual(Object.keys(layer.stateDict()), expected.keys);
  layer.loadStateDict(tensors);
  const state = layer.stateDict();
  for (const [name, { shape, values }] of Object.entries(expected.state)) {
    assert.deepEqual(state[name]!.shape, shape, name);
    assert.deepEqual(Array.from(state[name]!.dataSync()), values, name);
  }
  assert.deepEqual(layer.eval().forward(randn([2, 3, 4, 4])).shape, [2, 3, 4, 4]);
});

/** A file with one I64 tensor of the given values. */
function int64File(values: bigint[]): Uint8Array {
  const header = {
    t: { dtype: "I64", shape: [values.length], data_offsets: [0, 8 * values.length] },
  };
  const json = Buffer.from(JSON.stringify(header).padEnd(64, " "));
  const bytes = new Uint8Array(8 + json.length + 8 * values.length);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  values.forEach((value, i) => view.setBigInt64(8 + json.length + 8 * i, value, true));
  return bytes;
}

test("I64 values within int32's range read exactly; one outside is refused, naming the tensor", () => {
  const limits = [-(2n ** 31n), -1n, 0n, 2n ** 31n - 1n];
  assert.deepEqual(
    Array.from(decodeSafetensors(int64File(limits)).tensors.t!.dataSync()),
    limits.map(Number),
  );
  for (const value of [2n ** 31n, -(2n ** 31n) - 1n, 2n ** 62n]) {
    assert.throws(
      () => decodeSafetensors(int64File([0n, value])),
      (error: unknown) =>
        error instanceof SafetensorsError &&
        error.message ===
          `safetensors: tensor "t" (I64) holds ${value} at element 1, outside int32's range (gradus reads I64 into int32)`,
    );
  }
});
