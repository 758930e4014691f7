// safetensors: round trips of every dtype (0-d, empty), metadata, byte-exact layout, Python interop.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tensor } from "../../src/tensor/creation.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { decodeSafetensors, encodeSafetensors } from "../../src/io/safetensors.js";
import { loadSafetensors, saveSafetensors } from "../../src/io/node/safetensors-file.js";

const sample = (): Record<string, Tensor> => ({
  "layers.0.weight": tensor(
    [
      [1.5, -2],
      [3, 1e-30],
    ],
    { dtype: "float32" },
  ),
  bias64: tensor([Math.PI, -0, Number.MAX_VALUE], { dtype: "float64" }),
  labels: tensor([0, -1, 2147483647, -2147483648], { dtype: "int32" }),
  scalar: tensor(7.25, { dtype: "float64" }),
  empty: new Tensor(new Float32Array(0), [0, 3]),
  __proto__: tensor([1], { dtype: "int32" }),
});

function assertSame(actual: Record<string, Tensor>, expected: Record<string, Tensor>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name]!;
    assert.equal(got.dtype, value.dtype, name);
    assert.deepEqual(got.shape, value.shape, name);
    assert.deepEqual(Array.from(got.dataSync()), Array.from(value.dataSync()), name);
  }
}

test("round trip: float32, float64, int32, 0-d, empty, odd names, metadata", () => {
  const metadata = { config: JSON.stringify({ model: "logreg", features: 3 }), ü: "✓" };
  const decoded = decodeSafetensors(encodeSafetensors(sample(), metadata));
  assertSame(decoded.tensors, sample());
  assert.deepEqual({ ...decoded.metadata }, metadata);
  assert.ok(Object.is(decoded.tensors.bias64!.dataSync()[1], -0));
});

test("a transposed view is written row-major", () => {
  const view = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]).transpose();
  const { tensors } = decodeSafetensors(encodeSafetensors({ t: view }));
  assert.deepEqual(tensors.t!.toArray(), [
    [1, 4],
    [2, 5],
    [3, 6],
  ]);
});

test("byte-exact against a hand-built file", () => {
  const bytes = encodeSafetensors(
    { b: tensor([1, -1], { dtype: "int32" }), a: tensor(1.5, { dtype: "float32" }) },
    { k: "v" },
  );
  const json =
    '{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},' +
    '"b":{"dtype":"I32","shape":[2],"data_offsets":[4,12]}}';
  const padded = json.padEnd(Math.ceil(json.length / 8) * 8, " ");
  const expected = [
    padded.length,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...Buffer.from(padded, "utf8"),
    0x00,
    0x00,
    0xc0,
    0x3f, // 1.5f
    0x01,
    0x00,
    0x00,
    0x00, // 1
    0xff,
    0xff,
    0xff,
    0xff, // -1
  ];
  assert.deepEqual(Array.from(bytes), expected);
  assert.equal((8 + padded.length) % 8, 0);
});

test("F64 tensors come first so each tensor is aligned to its element size", () => {
  const bytes = encodeSafetensors({
    a: tensor([1], { dtype: "float32" }),
    z: tensor([2], { dtype: "float64" }),
  });
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + Number(bytes[0]))).toString());
  assert.deepEqual(header.z.data_offsets, [0, 8]);
  assert.deepEqual(header.a.data_offsets, [8, 12]);
});

test("files: save then load, and Python reads them with struct + json + numpy", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "gradus-safetensors-"));
  const file = join(dir, "model.safetensors");
  await saveSafetensors(file, sample(), { note: "hi" });
  const loaded = await loadSafetensors(file);
  assertSame(loaded.tensors, sample());
  assert.equal(loaded.metadata.note, "hi");
  assert.ok(readFileSync(file).length > 8);

  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.status !== 0) {
    t.skip("python3 with numpy not available: Python interop not checked");
    return;
  }
  const reader = [
    "import json, struct, sys, numpy as np",
    "raw = open(sys.argv[1], 'rb').read()",
    "(n,) = struct.unpack('<Q', raw[:8])",
    "header = json.loads(raw[8:8 + n])",
    "meta = header.pop('__metadata__', {})",
    "kinds = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4'}",
    "out = {}",
    "for name, e in header.items():",
    "    b, end = e['data_offsets']",
    "    a = np.frombuffer(raw[8 + n + b:8 + n + end], dtype=kinds[e['dtype']]).reshape(e['shape'])",
    "    out[name] = [str(a.dtype), list(a.shape), a.ravel().tolist()]",
    "print(json.dumps({'meta': meta, 'tensors': out}))",
  ].join("\n");
  const run = spawnSync("python3", ["-c", reader, file], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const fromPython = JSON.parse(run.stdout) as {
    meta: Record<string, string>;
    tensors: Record<string, [string, number[], number[]]>;
  };
  assert.deepEqual(fromPython.meta, { note: "hi" });
  const dtypes = { float32: "float32", float64: "float64", int32: "int32" };
  for (const [name, value] of Object.entries(sample())) {
    const [dtype, shape, values] = fromPython.tensors[name]!;
    assert.equal(dtype, dtypes[value.dtype], name);
    assert.deepEqual(shape, value.shape, name);
    assert.deepEqual(values, Array.from(value.dataSync()), name);
  }
});
