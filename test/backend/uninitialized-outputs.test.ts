// Kernel outputs come from uninitialised storage in Node: every op, forward and backward, must write all of
// its output. Each case runs on clean storage and on storage pre-filled with a marker; results must match bit for bit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setUninitializedStorage } from "../../src/backend/dtype.js";
import { allCases } from "../../src/op-registry.js";

const ALL_CASES = allCases();
import * as gradus from "../../src/node.js";
import type { BackendName, Tensor } from "../../src/node.js";

/** Storage full of 0x41 bytes (float32 12.08, float64 2.3e6, int32 0x41414141) for every output. */
const poisoned = (bytes: number): ArrayBuffer => {
  const buffer = new ArrayBuffer(bytes);
  new Uint8Array(buffer).fill(0x41);
  return buffer;
};

/** The case's output and every input's gradient under a fixed random weighting of the output. */
function outputsAndGradients(name: string, seed: number): number[][] {
  const opCase = ALL_CASES[name]![seed % ALL_CASES[name]!.length]!(new gradus.Generator(seed));
  const inputs = opCase.inputs.map((x) => {
    const leaf = x.detach();
    leaf.requiresGrad = true;
    return leaf;
  });
  const output = opCase.f(...inputs);
  const weights = gradus.randn(output.shape, {
    dtype: output.dtype,
    generator: new gradus.Generator(seed + 1),
  });
  output.mul(weights).sum().backward();
  const flat = (t: Tensor | null): number[] => (t === null ? [] : Array.from(t.dataSync()));
  return [flat(output), ...inputs.map((x) => flat(x.grad))];
}

/** Large enough for the native kernels (the small cases fall back to js) on the common ops. */
function largeOps(): number[][] {
  const generator = new gradus.Generator(7);
  const a = gradus.randn([3, 70, 40], { dtype: "float64", generator, requiresGrad: true });
  const b = gradus.randn([40, 50], { dtype: "float64", generator, requiresGrad: true });
  const index = gradus.tensor([5, 0, 69, 5], { dtype: "int32" });
  const mixed = a
    .matmul(b)
    .tanh()
    .add(a.sum(2, true))
    .logSoftmax(-1)
    .indexSelect(1, index)
    .transpose(0, 2)
    .contiguous()
    .astype("float32");
  mixed.mul(mixed).sum().backward();
  return [
    Array.from(mixed.dataSync()),
    Array.from(a.grad!.dataSync()),
    Array.from(b.grad!.dataSync()),
  ];
}

for (const backend of gradus.availableBackends() as BackendName[]) {
  test(`every op writes its whole output on uninitialised storage (${backend})`, () => {
    const previous = gradus.getBackend() as BackendName;
    gradus.setBackend(backend);
    try {
      const runs: [string, () => number[][]][] = [["large ops", largeOps]];
      for (const name of Object.keys(ALL_CASES))
        for (let seed = 1; seed <= 3; seed++)
          runs.push([`${name} case ${seed}`, () => outputsAndGradients(name, seed)]);
      for (const [label, run] of runs) {
        const clean = run();
        const restore = setUninitializedStorage(poisoned, 0);
        let dirty: number[][];
        try {
          dirty = run();
        } finally {
          restore();
        }
        assert.deepStrictEqual(dirty, clean, `${label}: an output kept the marker bytes`);
      }
    } finally {
      gradus.setBackend(previous);
    }
  });
}
