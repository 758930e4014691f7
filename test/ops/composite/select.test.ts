// Advanced indexing as in PyTorch: numbers pick first, then int32 index tensors broadcast together and
// select jointly; checked against an elementwise reference, by gradcheck, and on PyTorch's shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ops from "../../../src/ops/index.js";
import type { IndexSpec } from "../../../src/ops/index.js";
import { arange, tensor } from "../../../src/tensor/creation.js";
import { Tensor } from "../../../src/tensor/tensor.js";
import { gradcheck } from "../../../src/functional/gradcheck.js";
import { tensorArb } from "../../support/arbitraries.js";

const int32 = (data: number[] | number[][]): Tensor => tensor(data, { dtype: "int32" });
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Row-major coordinates of every element of `shape`. */
function* coordinates(shape: readonly number[]): Generator<number[]> {
  const total = sizeOf(shape);
  for (let flat = 0; flat < total; flat++) {
    const coordinate = new Array<number>(shape.length);
    let rest = flat;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      coordinate[axis] = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
    yield coordinate;
  }
}

/** The element of `x` (row-major values of `shape`) at `coordinate`. */
const elementAt = (x: Tensor, coordinate: readonly number[]) =>
  x.dataSync()[coordinate.reduce((flat, c, axis) => flat * x.shape[axis]! + c, 0)]!;

/** index(x, …specs) for specs of numbers, nulls and int32 tensors, written one element at a time. */
function reference(
  x: Tensor,
  specs: readonly (number | null | Tensor)[],
): { shape: number[]; values: number[] } {
  const kept: { source: number; spec: null | Tensor }[] = [];
  const fixed = new Map<number, number>();
  x.shape.forEach((extent, axis) => {
    const spec = specs[axis];
    if (typeof spec === "number") fixed.set(axis, spec < 0 ? spec + extent : spec);
    else kept.push({ source: axis, spec: spec ?? null });
  });
  const advanced = kept.flatMap((entry, position) =>
    entry.spec instanceof Tensor ? [position] : [],
  );
  const broadcast = advanced
    .map((position) => kept[position]!.spec!.shape)
    .reduce<number[]>((common, shape) => {
      const rank = Math.max(common.length, shape.length);
      return Array.from({ length: rank }, (_, i) => {
        const a = common[common.length - rank + i] ?? 1;
        return a === 1 ? (shape[shape.length - rank + i] ?? 1) : a;
      });
    }, []);
  const adjacent = advanced.every((position, k) => position === advanced[0]! + k);
  const basic = kept.flatMap((entry, position) => (advanced.includes(position) ? [] : [position]));
  const start = advanced.length === 0 ? kept.length : adjacent ? advanced[0]! : 0;
  const before = adjacent ? basic.filter((p) => p < start) : [];
  const after = adjacent ? basic.filter((p) => p >= start) : basic;
  const shape = [
    ...before.map((p) => x.shape[kept[p]!.source]!),
    ...broadcast,
    ...after.map((p) => x.shape[kept[p]!.source]!),
  ];
  const values: number[] = [];
  for (const out of coordinates(shape)) {
    const source = new Array<number>(x.rank);
    fixed.forEach((value, axis) => (source[axis] = value));
    before.forEach((p, i) => (source[kept[p]!.source] = out[i]!));
    after.forEach((p, i) => (source[kept[p]!.source] = out[before.length + broadcast.length + i]!));
    const b = out.slice(before.length, before.length + broadcast.length);
    for (const p of advanced) {
      const index = kept[p]!.spec!;
      const at = b.slice(b.length - index.rank).map((c, i) => (index.shape[i] === 1 ? 0 : c));
      const extent = x.shape[kept[p]!.source]!;
      const value = elementAt(index, at);
      source[kept[p]!.source] = value < 0 ? value + extent : value;
    }
    values.push(elementAt(x, source));
  }
  return { shape, values };
}

/** A tensor and index specs per leading axis (numbers, nulls, index tensors of broadcastable shapes). */
const indexCase = tensorArb({ minRank: 1, maxRank: 4, maxDim: 3 }).chain((x) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: x.rank }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }),
      fc.array(fc.constantFrom("number", "null", "tensor"), {
        minLength: x.rank,
        maxLength: x.rank,
      }),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        ),
        {
          minLength: x.rank,
          maxLength: x.rank,
        },
      ),
      fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 64, maxLength: 64 }),
    )
    .map(([count, common, kinds, variants, draws]) => {
      let draw = 0;
      const next = (extent: number) =>
        Math.floor(draws[draw++ % draws.length]! * 2 * extent) - extent;
      const specs = kinds.slice(0, count).map((kind, axis): number | null | Tensor => {
        const extent = x.shape[axis]!;
        if (kind === "number") return next(extent);
        if (kind === "null") return null;
        const [drop, ones] = variants[axis]!;
        const shape = common.slice(Math.min(drop, common.length)).map((e, i) => (ones[i] ? 1 : e));
        const values = Array.from({ length: sizeOf(shape) }, () => next(extent));
        return new Tensor(Int32Array.from(values), shape);
      });
      return { x, specs };
    }),
);

test("index with index tensors equals the elementwise reference (joint selection, PyTorch placement)", () => {
  fc.assert(
    fc.property(indexCase, ({ x, specs }) => {
      const expected = reference(x, specs);
      const result = ops.index(x, ...specs);
      assert.deepEqual(result.shape, expected.shape);
      assert.deepEqual([...result.dataSync()], expected.values);
    }),
    { seed: 8, numRuns: 400 },
  );
});

test("index with index tensors: the gradient scatter-adds back (central differences, repeats add up)", () => {
  fc.assert(
    fc.property(indexCase, ({ x, specs }) => {
      const result = gradcheck((y) => ops.index(y, ...specs), [x]);
      assert.ok(result.ok, JSON.stringify(result.worst));
    }),
    { seed: 8, numRuns: 100 },
  );
});

test("PyTorch's shapes: x[i, j], x[:, i, j], x[i, :, j], x[i, 1:3, j], x[0, :, j], broadcast i, j", () => {
  const x = arange(60).reshape([3, 4, 5]);
  const [i, j] = [int32([0, 1]), int32([1, 2])];
  const cases: [IndexSpec[], number[]][] = [
    [
      [i, j],
      [2, 5],
    ],
    [
      [null, i, j],
      [3, 2],
    ],
    [
      [i, null, j],
      [2, 4],
    ],
    [
      [i, { start: 1, end: 3 }, j],
      [2, 2],
    ],
    [
      [0, null, j],
      [4, 2],
    ],
    [
      [i, null, 2],
      [2, 4],
    ],
    [
      [int32([[0], [1]]), int32([1, 2, 3])],
      [2, 3, 5],
    ],
  ];
  for (const [specs, shape] of cases) assert.deepEqual(ops.index(x, ...specs).shape, shape);
  assert.deepEqual(ops.index(x, i, j).toArray(), [
    [5, 6, 7, 8, 9],
    [30, 31, 32, 33, 34],
  ]);
  assert.throws(
    () => ops.index(x, int32([3])),
    /index: index 3 is out of range for axis 0 of size 3/,
  );
  assert.throws(
    () => ops.index(x, tensor([0])),
    /index tensors must have dtype int32, got float32/,
  );
  assert.throws(() => ops.index(x, int32([0, 1]), int32([0, 1, 2])), /cannot be broadcast/);
});
