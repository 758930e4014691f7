// Node's storage for kernel outputs (uninitialised malloc memory, large buffers on huge pages) and the addon check.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { BINDING_FUNCTIONS, bindingProblem } from "../../src/backend/native/binding.js";
import { loadNativeBinding } from "../../src/backend/native/load.js";
import * as gradus from "../../src/node.js";

test("a product of more than 4 MiB on advised storage is exact", () => {
  // 1100×1000 float64 output (8.8 MB): advised, written by the kernel, checked against sums
  const a = gradus.arange(0, 1100 * 3, 1, { dtype: "float64" }).reshape([1100, 3]);
  const b = gradus.ones([3, 1000], { dtype: "float64" });
  const product = a.matmul(b).dataSync();
  for (const [row, col] of [
    [0, 0],
    [549, 999],
    [1099, 500],
  ] as const)
    assert.equal(product[row * 1000 + col], 9 * row + 3);
});

test("the addon advises the 2 MiB pages inside a large buffer where Linux has huge pages", (t) => {
  const load = loadNativeBinding();
  if (load.binding === null) return t.skip(`native addon unavailable: ${load.reason}`);
  const buffer = Buffer.allocUnsafeSlow(8 << 20).buffer as ArrayBuffer;
  const advised = load.binding.adviseHugePages(buffer);
  const hugePages = existsSync("/sys/kernel/mm/transparent_hugepage/enabled");
  assert.equal(advised, hugePages, "madvise(MADV_HUGEPAGE) on an 8 MiB heap buffer");
  assert.equal(load.binding.adviseHugePages(new ArrayBuffer(4096)), false, "no whole huge page");
  assert.throws(() => load.binding!.adviseHugePages(42 as unknown as ArrayBuffer), /ArrayBuffer/);
});

test("an addon built from older sources is refused with the missing functions named", () => {
  const load = loadNativeBinding();
  const complete = Object.fromEntries(BINDING_FUNCTIONS.map((name) => [name, () => 0]));
  assert.equal(bindingProblem(complete), null);
  const { sigmoidCrossEntropy: _, adviseHugePages: __, ...stale } = complete;
  assert.match(
    bindingProblem(stale) ?? "",
    /out of date \(it lacks sigmoidCrossEntropy, adviseHugePages\): run npm run build:native/,
  );
  assert.match(bindingProblem(null) ?? "", /lacks init, kernelNames, matmul/);
  if (load.binding !== null) assert.equal(bindingProblem(load.binding), null, "the built addon");
});
