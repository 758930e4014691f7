// scaledDotProductAttention: the registry's gradient cases (first and second order, float32), the fused
// backward against the one written in tensor ops, literal values, masks, dropout and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { grad } from "../../src/functional/grad.js";
import { opFamilies } from "../../src/ops/families.js";
import { scaledDotProductAttention as sdpa } from "../../src/ops/scaled-dot-product-attention.js";
import { randn, tensor } from "../../src/tensor/creation.js";
import { DTypeError, ShapeError } from "../../src/tensor/errors.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.attention);

const f64 = (data: number[][]): Tensor => tensor(data, { dtype: "float64" });
const maxDifference = (a: Tensor, b: Tensor): number => {
  const [x, y] = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  assert.equal(x.length, y.length);
  return x.reduce((worst, value, i) => Math.max(worst, Math.abs(value - y[i]!)), 0);
};

test("the recorded backward (createGraph, tensor ops) equals the fused kernel's on every case", () => {
  // NOTE: the second-order check differentiates the recorded backward against its own differences,
  // so only this comparison ties it to the true gradient (the fused one is checked at first order).
  const cases = opFamilies.attention.scaledDotProductAttention.cases;
  for (let seed = 0; seed < 60; seed++) {
    const g = new Generator(seed);
    for (const build of cases) {
      const { inputs, f } = build(g);
      const w = randn(f(...inputs).shape, { dtype: "float64", generator: g });
      const loss = (...xs: Tensor[]): Tensor =>
        f(...xs)
          .mul(w)
          .sum();
      const argnums = inputs.map((_, i) => i);
      const fused = grad(loss, argnums)(...inputs);
      const recorded = inputs.map((x) => x.detach().requiresGrad_());
      loss(...recorded).backward(undefined, { createGraph: true });
      recorded.forEach((x, i) => {
        assert.ok(maxDifference(x.grad!, fused[i]!) < 1e-12, `seed ${seed}, input ${i}`);
      });
    }
  }
});

test("values by hand: two keys, equal scores average the values; a dominant score picks one", () => {
  const value = f64([
    [1, 10],
    [3, 30],
  ]);
  const even = sdpa(
    f64([[0, 0]]),
    f64([
      [1, 0],
      [1, 0],
    ]),
    value,
  );
  assert.deepEqual(Array.from(even.dataSync()), [2, 20]);
  // scores 0 and 2·(1/√2)·50: softmax weight of the second key is 1/(1 + e^{−50√2}) = 1 in float64
  const picked = sdpa(
    f64([[0, 50]]),
    f64([
      [0, 0],
      [0, 2],
    ]),
    value,
  );
  assert.deepEqual(Array.from(picked.dataSync()), [3, 30]);
  // scale 0: uniform weights whatever the scores
  const flat = sdpa(
    f64([[5, -3]]),
    f64([
      [1, 2],
      [-4, 7],
    ]),
    value,
    { scale: 0 },
  );
  assert.deepEqual(Array.from(flat.dataSync()), [2, 20]);
});

test("causal: query i sees keys 0..i (top left), as an int32 lower-triangular mask does", () => {
  const g = new Generator(3);
  const [q, k, v] = [
    [2, 4, 3],
    [2, 5, 3],
    [2, 5, 2],
  ].map((shape) => randn(shape, { dtype: "float64", generator: g })) as [Tensor, Tensor, Tensor];
  const tril = tensor(
    Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => (j <= i ? 1 : 0))),
    { dtype: "int32" },
  );
  const causal = sdpa(q, k, v, { isCausal: true });
  assert.ok(maxDifference(causal, sdpa(q, k, v, { attnMask: tril })) < 1e-15);
  // the first query sees only key 0: its output is v[0]
  assert.deepEqual(Array.from(causal.index(0, 0).dataSync()), Array.from(v.index(0, 0).dataSync()));
  // an int32 mask equals the float mask 0 / −∞
  const minusInf = tensor(
    Array.from({ length: 4 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => (j <= i ? 0 : -Infinity)),
    ),
    { dtype: "float64" },
  );
  assert.ok(maxDifference(causal, sdpa(q, k, v, { attnMask: minusInf })) < 1e-15);
});

test("a row with no key taking part gives 0 and a zero gradient (PyTorch's SDPA)", () => {
  const q = f64([
    [1, 2],
    [3, 4],
  ]).requiresGrad_();
  const k = f64([
    [1, 0],
    [0, 1],
  ]).requiresGrad_();
  const v = f64([
    [5, 6],
    [7, 8],
  ]).requiresGrad_();
  const mask = tensor(
    [
      [1, 1],
      [0, 0],
    ],
    { dtype: "int32" },
  );
  const out = sdpa(q, k, v, { attnMask: mask });
  assert.deepEqual(Array.from(out.index(1).dataSync()), [0, 0]);
  out.sum().backward();
  assert.deepEqual(Array.from(q.grad!.index(1).dataSync()), [0, 0]);
  for (const x of [q, k, v]) assert.ok(x.grad!.dataSync().every(Number.isFinite));
});

test("dropout: seeded by the generator, ≈ p of the weights dropped, off at p = 0 and reproducible", () => {
  const g = new Generator(5);
  const [q, k] = [randn([64, 8], { generator: g }), randn([64, 8], { generator: g })];
  const v = tensor(Array.from({ length: 64 }, () => [1]));
  // with values all 1, each output is Σⱼ Pᵢⱼ·Dᵢⱼ: its mean over rows is ≈ 1 (inverted dropout)
  const out = sdpa(q, k, v, { dropoutP: 0.5, generator: new Generator(9) });
  const mean = out.mean().item();
  assert.ok(Math.abs(mean - 1) < 0.1, `mean ${mean}`);
  const again = sdpa(q, k, v, { dropoutP: 0.5, generator: new Generator(9) });
  assert.equal(maxDifference(out, again), 0);
  const other = sdpa(q, k, v, { dropoutP: 0.5, generator: new Generator(10) });
  assert.ok(maxDifference(out, other) > 0);
  const unchanged = g.getState();
  sdpa(q, k, v, { generator: g });
  assert.deepEqual(g.getState(), unchanged, "p = 0 draws nothing");
});

test("heads: the output [N, H, L, E] merges to [N, L, H·E] as a view; gradients are laid out like views", () => {
  const g = new Generator(8);
  const packed = randn([2, 5, 3, 4], { dtype: "float64", generator: g }).requiresGrad_();
  const q = packed.permute([0, 2, 1, 3]); // [N, H, L, E] over [N, L, H, E] storage
  const out = sdpa(q, q, q, { isCausal: true });
  const merged = out.permute([0, 2, 1, 3]).reshape([2, 5, 12]);
  assert.equal(merged.data, out.data, "a view of the kernel's output");
  merged.sum().backward();
  assert.deepEqual(packed.grad!.shape, [2, 5, 3, 4]);
  // the gradient equals the one computed from a contiguous copy of the input
  const copy = packed.detach().contiguous().requiresGrad_();
  const heads = copy.permute([0, 2, 1, 3]).contiguous();
  sdpa(heads, heads, heads, { isCausal: true }).permute([0, 2, 1, 3]).sum().backward();
  assert.ok(maxDifference(packed.grad!, copy.grad!) < 1e-12);
});

test("bad input: one clear error naming the op and the values", () => {
  const [q, k, v] = [randn([2, 3, 4]), randn([2, 5, 4]), randn([2, 5, 6])];
  assert.throws(
    () => sdpa(q, randn([2, 5, 3]), v),
    /scaledDotProductAttention: query \[2, 3, 4\] and key \[2, 5, 3\] differ in the last dimension \(4 vs 3\)/,
  );
  assert.throws(() => sdpa(q, k, randn([2, 4, 6])), /number of keys \(5 vs 4\)/);
  assert.throws(() => sdpa(randn([3, 3, 4]), k, v), ShapeError);
  assert.throws(() => sdpa(randn([4]), k, v), /rank ≥ 2/);
  assert.throws(
    () => sdpa(q, k, v, { attnMask: tensor([[1, 0, 1]], { dtype: "int32" }) }),
    /attnMask of shape \[1, 3\] does not broadcast to \[\.\.\.batch, L, S\] = \[2, 3, 5\]/,
  );
  assert.throws(() => sdpa(q, k, v, { attnMask: randn([3, 5]), isCausal: true }), /not both/);
  assert.throws(() => sdpa(q.astype("float64"), k, v), DTypeError);
  assert.throws(() => sdpa(q, k, v, { dropoutP: 1 }), /dropoutP must be in \[0, 1\), got 1/);
});
