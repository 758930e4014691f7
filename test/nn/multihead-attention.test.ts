// nn.MultiheadAttention: PyTorch's parameters, keys and initialisation, layouts (sequence first, batch
// first, unbatched), mask conventions (1 = ignore), weights, dropout, heads merged without a copy, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, randn, ShapeError, tensor, type Tensor } from "../../src/index.js";

const g = () => new Generator(5);
const rows = (x: Tensor): number[][] => x.toArray() as number[][];
const close = (a: Tensor, b: Tensor, tolerance = 1e-6): void => {
  const [x, y] = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  assert.deepEqual(a.shape, b.shape);
  x.forEach((value, i) =>
    assert.ok(Math.abs(value - y[i]!) <= tolerance, `${i}: ${value} vs ${y[i]}`),
  );
};

test("parameters, state-dict keys and initialisation are PyTorch's", () => {
  const mha = new nn.MultiheadAttention(64, 4, { generator: g() });
  const state = mha.stateDict();
  assert.deepEqual(Object.keys(state), [
    "in_proj_weight",
    "in_proj_bias",
    "out_proj.weight",
    "out_proj.bias",
  ]);
  assert.deepEqual(state.in_proj_weight!.shape, [192, 64]);
  assert.deepEqual(state["out_proj.weight"]!.shape, [64, 64]);
  assert.ok(state.in_proj_bias!.dataSync().every((v) => v === 0));
  assert.ok(state["out_proj.bias"]!.dataSync().every((v) => v === 0));
  // Xavier uniform on [3E, E]: U(±√(6 / (E + 3E))), variance bound²/3
  const bound = Math.sqrt(6 / (64 + 192));
  const w = Array.from(state.in_proj_weight!.dataSync());
  assert.ok(w.every((v) => Math.abs(v) <= bound));
  const variance = w.reduce((sum, v) => sum + v * v, 0) / w.length;
  assert.ok(Math.abs(variance / ((bound * bound) / 3) - 1) < 0.05, `variance ${variance}`);
  const bare = new nn.MultiheadAttention(8, 2, { bias: false });
  assert.deepEqual(Object.keys(bare.stateDict()), ["in_proj_weight", "out_proj.weight"]);
});

test("layouts: [L, N, E] by default, [N, L, E] with batchFirst, unbatched [L, E]; weights [N, L, S]", () => {
  const seqFirst = new nn.MultiheadAttention(8, 2, { generator: g() }).eval();
  const [q, kv] = [randn([3, 2, 8], { generator: g() }), randn([5, 2, 8], { generator: g() })];
  const [out, weights] = seqFirst.forward(q, kv, kv);
  assert.deepEqual(out.shape, [3, 2, 8]);
  assert.deepEqual(weights!.shape, [2, 3, 5]);
  for (const row of rows(weights!.reshape([6, 5])))
    assert.ok(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-6);
  const batchFirst = new nn.MultiheadAttention(8, 2, { generator: g(), batchFirst: true }).eval();
  const [out2, weights2] = batchFirst.forward(
    q.transpose(0, 1),
    kv.transpose(0, 1),
    kv.transpose(0, 1),
  );
  close(out2, out.transpose(0, 1));
  close(weights2!, weights!);
  const [single, singleWeights] = seqFirst.forward(
    q.index(null, 0),
    kv.index(null, 0),
    kv.index(null, 0),
  );
  close(single, out.index(null, 0));
  close(singleWeights!, weights!.index(0));
  const [, perHead] = seqFirst.forward(q, kv, kv, { averageAttnWeights: false });
  assert.deepEqual(perHead!.shape, [2, 2, 3, 5]);
  close(perHead!.mean(1), weights!);
});

test("needWeights false: the fused path gives the same output and null weights", () => {
  const mha = new nn.MultiheadAttention(8, 4, { generator: g(), batchFirst: true }).eval();
  const x = randn([2, 6, 8], { generator: g() });
  const [explicit] = mha.forward(x, x, x, { isCausal: true });
  const [fused, none] = mha.forward(x, x, x, { isCausal: true, needWeights: false });
  close(fused, explicit);
  assert.equal(none, null);
});

test("masks: 1 in keyPaddingMask / an int32 attnMask ignores the pair, as a float −∞ does; causal", () => {
  const mha = new nn.MultiheadAttention(4, 2, { generator: g(), batchFirst: true }).eval();
  const [q, kv] = [randn([2, 3, 4], { generator: g() }), randn([2, 4, 4], { generator: g() })];
  const padding = tensor(
    [
      [0, 0, 1, 0],
      [0, 1, 1, 0],
    ],
    { dtype: "int32" },
  );
  const [out, weights] = mha.forward(q, kv, kv, { keyPaddingMask: padding });
  const w = weights!.toArray() as number[][][];
  for (const row of w[0]!) assert.equal(row[2], 0);
  for (const row of w[1]!) assert.deepEqual([row[1], row[2]], [0, 0]);
  const floatPadding = tensor([
    [0, 0, -Infinity, 0],
    [0, -Infinity, -Infinity, 0],
  ]);
  close(mha.forward(q, kv, kv, { keyPaddingMask: floatPadding })[0], out);
  const blocked = tensor(
    [
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [1, 1, 1, 0],
    ],
    { dtype: "int32" },
  );
  const [, masked] = mha.forward(q, kv, kv, { attnMask: blocked });
  const m = masked!.toArray() as number[][][];
  assert.equal(m[0]![0]![1], 0);
  assert.deepEqual(m[1]![2]!.slice(0, 3), [0, 0, 0]);
  const [, causal] = mha.forward(q, q, q, { isCausal: true });
  const c = causal!.toArray() as number[][][];
  assert.deepEqual([c[0]![0]![1], c[0]![0]![2], c[0]![1]![2]], [0, 0, 0]);
});

test("dropout: active while training (seeded), off in eval", () => {
  const make = () => new nn.MultiheadAttention(8, 2, { dropout: 0.5, generator: new Generator(1) });
  const x = randn([4, 2, 8], { generator: g() });
  const [a] = make().forward(x, x, x, { needWeights: false });
  const [b] = make().forward(x, x, x, { needWeights: false });
  close(a, b, 0);
  const trained = make();
  const [eval1] = trained.eval().forward(x, x, x);
  const [train1] = trained.train().forward(x, x, x);
  assert.ok(Math.max(...Array.from(eval1.sub(train1).abs().dataSync())) > 1e-3);
});

test("bad input: one clear error naming the module and the values", () => {
  assert.throws(
    () => new nn.MultiheadAttention(10, 3),
    /MultiheadAttention: embedDim 10 is not divisible by numHeads 3/,
  );
  const mha = new nn.MultiheadAttention(4, 2);
  const x = randn([3, 2, 4]);
  assert.throws(() => mha.forward(x, x, randn([3, 2, 5])), ShapeError);
  assert.throws(
    () => mha.forward(x, randn([5, 3, 4]), randn([5, 3, 4])),
    /\[L, N, E\], \[S, N, E\], \[S, N, E\] with E = embedDim = 4/,
  );
  assert.throws(
    () => mha.forward(x, x, x, { keyPaddingMask: tensor([[0, 1]], { dtype: "int32" }) }),
    /keyPaddingMask of shape \[1, 2\] must be \[N, S\] = \[2, 3\]/,
  );
  assert.throws(
    () => mha.forward(x, x, x, { attnMask: randn([3, 4]) }),
    /attnMask of shape \[3, 4\] must be \[L, S\] = \[3, 3\] or \[N·numHeads, L, S\] = \[4, 3, 3\]/,
  );
});
