// Pooling: window maxima and means by hand, where max pooling's gradient goes, NaN, PyTorch's output
// sizes (ceilMode, stride = kernel by default), adaptive windows, and the errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  adaptiveAvgPool2d,
  avgPool1d,
  avgPool2d,
  Generator,
  maxPool1d,
  maxPool2d,
  randn,
  ShapeError,
  tensor,
} from "../../../src/node.js";

const image = () => tensor([1, 5, 2, 0, 3, 4, 8, 6, 9, 7, 0, 2, 1, 3, 5, 4]).reshape([1, 1, 4, 4]);

test("maxPool2d takes each window's maximum; the gradient goes to it alone", () => {
  const x = image().requiresGrad_();
  const y = maxPool2d(x, { kernelSize: 2 });
  assert.deepEqual(y.toArray(), [
    [
      [
        [5, 8],
        [9, 5],
      ],
    ],
  ]);
  y.mul(
    tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]),
  )
    .sum()
    .backward();
  assert.deepEqual(x.grad!.toArray(), [
    [
      [
        [0, 1, 0, 0],
        [0, 0, 2, 0],
        [3, 0, 0, 0],
        [0, 0, 4, 0],
      ],
    ],
  ]);
});

test("maxPool2d: ties go to the first position, NaN wins the window, padding never does", () => {
  const tie = tensor([2, 2, 1, 2]).reshape([1, 2, 2]).requiresGrad_();
  maxPool2d(tie, { kernelSize: 2 }).sum().backward();
  assert.deepEqual(tie.grad!.toArray(), [
    [
      [1, 0],
      [0, 0],
    ],
  ]);
  const withNaN = tensor([1, NaN, 3, 2]).reshape([1, 2, 2]);
  assert.ok(Number.isNaN(maxPool2d(withNaN, { kernelSize: 2 }).item()));
  const negative = tensor([-3, -1, -2, -4]).reshape([1, 2, 2]);
  assert.deepEqual(maxPool2d(negative, { kernelSize: 2, padding: 1 }).toArray(), [
    [
      [-3, -1],
      [-2, -4],
    ],
  ]);
});

test("avgPool2d: the divisor counts the padding unless countIncludePad is false", () => {
  const x = image();
  const close = (actual: ArrayLike<number>, expected: number[]) =>
    expected.forEach((value, i) =>
      assert.ok(Math.abs(actual[i]! - value) < 1e-6, `${i}: ${actual[i]}`),
    );
  close(avgPool2d(x, { kernelSize: 2 }).dataSync(), [13 / 4, 16 / 4, 20 / 4, 11 / 4]);
  // 3×3 windows at stride 3 with padding 1 each hold 4 of the image's values
  close(avgPool2d(x, { kernelSize: 3, stride: 3, padding: 1 }).dataSync(), [
    13 / 9,
    16 / 9,
    20 / 9,
    11 / 9,
  ]);
  const inside = avgPool2d(x, { kernelSize: 3, stride: 3, padding: 1, countIncludePad: false });
  close(inside.dataSync(), [13 / 4, 16 / 4, 20 / 4, 11 / 4]);
});

test("output sizes follow PyTorch: stride defaults to the kernel, ceilMode keeps a last partial window", () => {
  const x = randn([2, 3, 5, 7], { generator: new Generator(1) });
  assert.deepEqual(maxPool2d(x, { kernelSize: 2 }).shape, [2, 3, 2, 3]);
  assert.deepEqual(maxPool2d(x, { kernelSize: 2, ceilMode: true }).shape, [2, 3, 3, 4]);
  assert.deepEqual(
    maxPool2d(x, { kernelSize: [3, 2], stride: [2, 3], padding: 1, dilation: 2 }).shape,
    [2, 3, 2, 3],
  );
  // a window that would start in the right padding is dropped (5 + 2·1 with k 2, s 2)
  assert.deepEqual(avgPool2d(x, { kernelSize: 2, padding: 1, ceilMode: true }).shape, [2, 3, 3, 4]);
  assert.deepEqual(
    maxPool1d(randn([4, 11]), { kernelSize: 3, stride: 2, ceilMode: true }).shape,
    [4, 5],
  );
  assert.deepEqual(avgPool1d(tensor([[[1, 3, 2, 4]]]), { kernelSize: 2 }).toArray(), [[[2, 3]]]);
});

test("adaptiveAvgPool2d: PyTorch's windows ⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉, global pooling, None keeps a size", () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9]).reshape([1, 3, 3]);
  const pooled = adaptiveAvgPool2d(x, 2);
  const expected = [
    [(1 + 2 + 4 + 5) / 4, (2 + 3 + 5 + 6) / 4],
    [(4 + 5 + 7 + 8) / 4, (5 + 6 + 8 + 9) / 4],
  ];
  pooled.dataSync().forEach((value, i) => assert.ok(Math.abs(value - expected.flat()[i]!) < 1e-6));
  const batch = randn([2, 4, 6, 5], { generator: new Generator(2) });
  const global = adaptiveAvgPool2d(batch, 1);
  assert.deepEqual(global.shape, [2, 4, 1, 1]);
  const mean = batch.mean([2, 3], true).dataSync();
  global.dataSync().forEach((value, i) => assert.ok(Math.abs(value - mean[i]!) < 1e-6));
  assert.deepEqual(adaptiveAvgPool2d(batch, [null, 2]).shape, [2, 4, 6, 2]);
});

test("pooling errors name the op and the values at fault", () => {
  const x = randn([1, 2, 4, 4]);
  assert.throws(
    () => maxPool2d(x, { kernelSize: 2, padding: 2 }),
    /^RangeError: maxPool2d: padding \[2, 2\] must be at most half of kernelSize \[2, 2\]/,
  );
  assert.throws(
    () => avgPool2d(x, { kernelSize: 5 }),
    (e: Error) =>
      e instanceof ShapeError &&
      /^avgPool2d: output size \[0, 0\] is too small for input \[1, 2, 4, 4\]/.test(e.message),
  );
  assert.throws(
    () => maxPool2d(randn([4, 4]), { kernelSize: 2 }),
    /^ShapeError: maxPool2d: expected a 3-D \[C, H, W\] or 4-D \[N, C, H, W\] input, got \[4, 4\]/,
  );
  assert.throws(
    () => maxPool1d(randn([2, 2, 2, 2]), { kernelSize: 2 }),
    /^ShapeError: maxPool1d: expected a 2-D \[C, L\] or 3-D \[N, C, L\] input/,
  );
  assert.throws(
    () => maxPool2d(randn([1, 1, 1, 3]), { kernelSize: [2, 1], padding: [1, 0], dilation: 2 }),
    /^ShapeError: maxPool2d: window 0 .* covers only padding/,
  );
  assert.throws(
    () => adaptiveAvgPool2d(x, 0),
    /^RangeError: adaptiveAvgPool2d: outputSize must be positive integers, got 0/,
  );
});
