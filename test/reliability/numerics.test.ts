// Numerics: ±Inf and NaN propagate as IEEE 754 says through elementwise ops, reductions and matmul,
// in float32 and float64, on every backend that runs here (js, wasm, native).
import assert from "node:assert/strict";
import * as gradus from "../../src/node.js";
import type { DType, Tensor } from "../../src/node.js";
import { onEveryBackend } from "../support/every-backend.js";

const [inf, nan] = [Infinity, NaN];

/** Equal element by element: NaN matches NaN, infinities exactly, finite values to 1e-6 relative. */
function assertSame(actual: Tensor, expected: readonly number[], label: string): void {
  const values = Array.from(actual.dataSync());
  assert.equal(values.length, expected.length, label);
  values.forEach((value, i) => {
    const want = expected[i]!;
    const same = Number.isFinite(want)
      ? Math.abs(value - want) <= 1e-6 * Math.max(1, Math.abs(want))
      : Object.is(value, want) || (Number.isNaN(want) && Number.isNaN(value));
    if (!same)
      assert.fail(`${label}: element ${i} is ${value}, expected ${want} (${values.join(", ")})`);
  });
}

const UNARY: readonly [string, (x: Tensor) => Tensor, number[], number[]][] = [
  ["neg", gradus.neg, [inf, -inf, nan], [-inf, inf, nan]],
  ["exp", gradus.exp, [inf, -inf, nan], [inf, 0, nan]],
  ["log", gradus.log, [0, -1, inf, nan], [-inf, nan, inf, nan]],
  ["sqrt", gradus.sqrt, [-1, inf, nan, 0], [nan, inf, nan, 0]],
  ["abs", gradus.abs, [-inf, nan], [inf, nan]],
  ["square", gradus.square, [inf, -inf, nan], [inf, inf, nan]],
  ["sin", gradus.sin, [inf, -inf, nan], [nan, nan, nan]],
  ["cos", gradus.cos, [inf, -inf, nan], [nan, nan, nan]],
  ["tanh", gradus.tanh, [inf, -inf, nan], [1, -1, nan]],
  ["sigmoid", gradus.sigmoid, [inf, -inf, nan], [1, 0, nan]],
  ["relu", gradus.relu, [inf, -inf, nan], [inf, 0, nan]],
];

type Binary = (a: Tensor, b: Tensor) => Tensor;
const BINARY: readonly [string, Binary, number[], number[], number[]][] = [
  ["add", gradus.add, [inf, inf, nan, -inf], [-inf, 1, 1, -inf], [nan, inf, nan, -inf]],
  ["sub", gradus.sub, [inf, inf, nan, 1], [inf, -inf, 1, inf], [nan, inf, nan, -inf]],
  ["mul", gradus.mul, [0, inf, nan, -inf], [inf, -2, 0, -inf], [nan, -inf, nan, inf]],
  ["div", gradus.div, [1, -1, 0, inf, 1], [0, 0, 0, inf, -inf], [inf, -inf, nan, nan, -0]],
  [
    "pow",
    gradus.pow,
    [0, -8, nan, inf, 2, 0.5],
    [-1, 1 / 3, 0, -1, inf, inf],
    [inf, nan, 1, 0, inf, 0],
  ],
  ["maximum", gradus.maximum, [nan, 1, inf, -inf], [1, nan, 1, -inf], [nan, nan, inf, -inf]],
  ["minimum", gradus.minimum, [nan, 1, -inf, inf], [1, nan, 1, inf], [nan, nan, -inf, inf]],
];

onEveryBackend("elementwise ops propagate ±Inf and NaN", (dtype) => {
  for (const [name, f, input, expected] of UNARY) {
    assertSame(f(gradus.tensor(input, { dtype })), expected, `${name} ${dtype}`);
  }
  for (const [name, f, a, b, expected] of BINARY) {
    const [x, y] = [gradus.tensor(a, { dtype }), gradus.tensor(b, { dtype })];
    assertSame(f(x, y), expected, `${name} ${dtype}`);
    // broadcast against a scalar tensor: the strided kernels too
    assertSame(
      f(x.reshape([-1, 1]), y.at(0)),
      a.map((_, i) => f(x.at(i), y.at(0)).item()),
      name,
    );
  }
});

/** Filler values of size n, finite and mixed in sign, with `special` at `position`. */
function withSpecial(n: number, position: number, special: number, dtype: DType): Tensor {
  const values = Array.from({ length: n }, (_, i) => ((i * 7) % 11) - 5 + 0.25);
  values[position] = special;
  return gradus.tensor(values, { dtype });
}

onEveryBackend("reductions: one NaN anywhere gives NaN; ±Inf as IEEE sums say", (dtype) => {
  for (const n of [1, 2, 7, 17, 64, 1023]) {
    const positions = n <= 17 ? [...Array(n).keys()] : [0, 1, n >> 1, n - 2, n - 1];
    for (const position of positions) {
      const x = withSpecial(n, position, nan, dtype);
      const label = `${dtype} n=${n} NaN at ${position}`;
      for (const [name, value] of [
        ["sum", x.sum()],
        ["mean", x.mean()],
        ["max", x.max()],
        ["min", x.min()],
        ["var", x.var(undefined, false, 0)],
        ["logsumexp", x.logsumexp()],
      ] as const) {
        assertSame(value, [nan], `${name} ${label}`);
      }
      const up = withSpecial(n, position, inf, dtype);
      assertSame(up.sum(), [inf], `sum +Inf ${label}`);
      assertSame(up.max(), [inf], `max +Inf ${label}`);
      assertSame(up.logsumexp(), [inf], `logsumexp +Inf ${label}`);
      assertSame(withSpecial(n, position, -inf, dtype).min(), [-inf], `min −Inf ${label}`);
    }
  }
  const both = gradus.tensor([inf, -inf, 1], { dtype });
  assertSame(both.sum(), [nan], `sum of +Inf and −Inf ${dtype}`);
  assertSame(gradus.full([5], -inf, { dtype }).max(), [-inf], `max of −Inf ${dtype}`);
  assertSame(gradus.full([5], -inf, { dtype }).logsumexp(), [-inf], `logsumexp of −Inf ${dtype}`);
  const rows = gradus.tensor(
    [
      [1, nan, 2],
      [3, 4, 5],
    ],
    { dtype },
  );
  assertSame(rows.sum(1), [nan, 12], `sum along an axis ${dtype}`);
  assertSame(rows.max(0), [3, nan, 5], `max along an axis ${dtype}`);
  assertSame(rows.min(1), [nan, 3], `min along an axis ${dtype}`);
  // axis reductions of a larger matrix (the native kernels' vector paths), NaN in one column
  const wide = withSpecial(17 * 65, 5 * 65 + 40, nan, dtype).reshape([17, 65]);
  for (const [name, along0, along1] of [
    ["sum", wide.sum(0), wide.sum(1)],
    ["max", wide.max(0), wide.max(1)],
    ["min", wide.min(0), wide.min(1)],
  ] as const) {
    const columns = Array.from({ length: 65 }, (_, c) => (c === 40 ? nan : along0.dataSync()[c]!));
    assertSame(along0, columns, `${name} along axis 0 ${dtype}`);
    assert.ok(along0.dataSync().filter(Number.isNaN).length === 1, `${name} axis 0 ${dtype}`);
    const rowsOut = Array.from({ length: 17 }, (_, r) => (r === 5 ? nan : along1.dataSync()[r]!));
    assertSame(along1, rowsOut, `${name} along axis 1 ${dtype}`);
    assert.ok(along1.dataSync().filter(Number.isNaN).length === 1, `${name} axis 1 ${dtype}`);
  }
});

onEveryBackend("matmul: NaN and Inf reach exactly the rows and columns they touch", (dtype) => {
  const t = (values: number[][]) => gradus.tensor(values, { dtype });
  assertSame(t([[0, 0]]).matmul(t([[nan], [1]])), [nan], `0·NaN ${dtype}`);
  assertSame(t([[inf, 1]]).matmul(t([[0], [1]])), [nan], `Inf·0 ${dtype}`);
  assertSame(t([[inf, 1]]).matmul(t([[1], [1]])), [inf], `Inf·1 ${dtype}`);
  assertSame(t([[inf, -inf]]).matmul(t([[1], [1]])), [nan], `Inf − Inf ${dtype}`);
  for (const [m, k, n] of [
    [3, 4, 5],
    [33, 65, 17],
    [96, 128, 80],
  ] as const) {
    const generator = new gradus.Generator(m);
    // a has zeros everywhere except its diagonal band; b random: skipping zeros of a would hide NaN
    const a = gradus
      .rand([m, k], { dtype, generator })
      .add(0.5)
      .mul(gradus.rand([m, k], { dtype, generator }).gt(0.5).astype(dtype));
    const b = gradus.rand([k, n], { dtype, generator }).add(0.5);
    const [i, p, j] = [m >> 1, k - 1, n >> 1];
    const aData = a.data;
    aData[i * k + 1] = nan;
    const bData = b.data;
    bData[p * n + j] = inf;
    // the same product with a stored transposed (a strided operand takes other kernel paths)
    const aStrided = a.transpose().contiguous().transpose();
    const out = a.matmul(b).dataSync();
    assertSame(aStrided.matmul(b), Array.from(out), `${dtype} transposed a`);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        const value = out[r * n + c]!;
        const label = `${dtype} [${m}, ${k}]·[${k}, ${n}] at (${r}, ${c}) = ${value}`;
        if (r === i) assert.ok(Number.isNaN(value), label);
        else if (c === j) assert.equal(value, aData[r * k + p]! === 0 ? nan : inf, label);
        else assert.ok(Number.isFinite(value), label);
      }
    }
  }
});
