// nn.LSTM/GRU/RNN as stacks: PyTorch's state-dict keys and initialisation bound, shapes in every
// layout, the bidirectional concatenation order, initial states, batchFirst, unbatched input,
// dropout only between layers in training mode, and one clear error per kind of bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { concat, Generator, nn, randn, tensor, zeros, type Tensor } from "../../../src/index.js";

const float64 = { dtype: "float64" as const };
const g = (seed: number): Generator => new Generator(seed);

function assertNear(actual: Tensor, expected: Tensor, what: string, tolerance = 1e-12): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  e.forEach((value, i) =>
    assert.ok(Math.abs(a[i]! - value) <= tolerance, `${what}[${i}]: ${a[i]} vs ${value}`),
  );
}

/** [L, N, F] with the time axis reversed. */
const flipped = (x: Tensor): Tensor =>
  x.indexSelect(0, tensor([...Array(x.shape[0]).keys()].reverse(), { dtype: "int32" }));

test("state-dict keys and order are PyTorch's, each parameter within U(−1/√H, 1/√H)", () => {
  const lstm = new nn.LSTM(3, 4, { numLayers: 2, bidirectional: true, generator: g(1) });
  const suffixes = ["l0", "l0_reverse", "l1", "l1_reverse"];
  const kinds = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"];
  assert.deepEqual(
    Object.keys(lstm.stateDict()),
    suffixes.flatMap((suffix) => kinds.map((kind) => `${kind}_${suffix}`)),
  );
  const shapes = Object.fromEntries(lstm.namedParameters().map(([k, p]) => [k, p.shape]));
  assert.deepEqual(shapes["weight_ih_l0"], [16, 3]);
  assert.deepEqual(shapes["weight_ih_l1_reverse"], [16, 8]);
  assert.deepEqual(shapes["bias_hh_l1"], [16]);
  for (const parameter of lstm.parameters())
    assert.ok(parameter.dataSync().every((w) => Math.abs(w) <= 0.5));
  assert.deepEqual(Object.keys(new nn.GRU(2, 3, { bias: false }).stateDict()), [
    "weight_ih_l0",
    "weight_hh_l0",
  ]);
  assert.deepEqual(new nn.GRU(2, 3).weightsOf(0, 0).weightIh.shape, [9, 2]);
  assert.deepEqual(new nn.RNN(2, 3).weightsOf(0, 0).weightHh.shape, [3, 3]);
});

test("shapes: time-major, batchFirst and unbatched inputs; states [D·layers, N, H]", () => {
  const options = { numLayers: 3, bidirectional: true, generator: g(2) };
  const lstm = new nn.LSTM(5, 4, options);
  const [output, [hN, cN]] = lstm.forward(randn([7, 2, 5]));
  assert.deepEqual(
    [output.shape, hN.shape, cN.shape],
    [
      [7, 2, 8],
      [6, 2, 4],
      [6, 2, 4],
    ],
  );
  const gru = new nn.GRU(5, 4, { ...options, batchFirst: true });
  const [batchOutput, gruH] = gru.forward(randn([2, 7, 5]));
  assert.deepEqual(
    [batchOutput.shape, gruH.shape],
    [
      [2, 7, 8],
      [6, 2, 4],
    ],
  );
  const [single, singleH] = new nn.RNN(5, 4, { generator: g(3) }).forward(randn([7, 5]));
  assert.deepEqual(
    [single.shape, singleH.shape],
    [
      [7, 4],
      [1, 4],
    ],
  );
});

test("the last layer's final state is its output at the last step (forward direction)", () => {
  const lstm = new nn.LSTM(3, 4, { numLayers: 2, ...float64, generator: g(4) });
  const [output, [hN]] = lstm.forward(randn([6, 2, 3], { ...float64, generator: g(5) }));
  assertNear(hN.at(1), output.at(5), "h of layer 1");
});

test("bidirectional: [forward, backward] halves, each a one-way layer (the backward one on the flipped sequence)", () => {
  const both = new nn.GRU(3, 4, { bidirectional: true, ...float64, generator: g(6) });
  const [forward, backward] = [new nn.GRU(3, 4, float64), new nn.GRU(3, 4, float64)];
  const state = both.stateDict();
  const pick = (suffix: string) =>
    Object.fromEntries(
      ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map((k) => [
        `${k}_l0`,
        state[`${k}_l0${suffix}`]!,
      ]),
    );
  forward.loadStateDict(pick(""));
  backward.loadStateDict(pick("_reverse"));
  const x = randn([5, 2, 3], { ...float64, generator: g(7) });
  const h0 = randn([2, 2, 4], { ...float64, generator: g(8) });
  const [output, hN] = both.forward(x, h0);
  const [ahead, aheadH] = forward.forward(x, h0.slice(0, 0, 1));
  const [behind, behindH] = backward.forward(flipped(x), h0.slice(0, 1, 2));
  assertNear(output.slice(2, 0, 4), ahead, "forward half");
  assertNear(output.slice(2, 4, 8), flipped(behind), "backward half");
  assertNear(hN, concat([aheadH, behindH], 0), "hN");
});

test("initial states: missing ones are zeros, given ones change the result", () => {
  const lstm = new nn.LSTM(2, 3, { numLayers: 2, ...float64, generator: g(9) });
  const x = randn([4, 2, 2], { ...float64, generator: g(10) });
  const [implicit] = lstm.forward(x);
  const [explicit] = lstm.forward(x, [zeros([2, 2, 3], float64), zeros([2, 2, 3], float64)]);
  assertNear(implicit, explicit, "zeros");
  const [other] = lstm.forward(x, [zeros([2, 2, 3], float64), randn([2, 2, 3], float64)]);
  assert.ok(Math.abs(other.sub(implicit).abs().sum().item()) > 1e-6);
});

test("batchFirst and unbatched inputs give the time-major results", () => {
  const options = { numLayers: 2, bidirectional: true, ...float64, generator: g(11) };
  const [timeMajor, batchFirst] = [
    new nn.LSTM(3, 2, options),
    new nn.LSTM(3, 2, { ...options, batchFirst: true }),
  ];
  batchFirst.loadStateDict(timeMajor.stateDict());
  const x = randn([4, 3, 3], { ...float64, generator: g(12) });
  const [a, [ah, ac]] = timeMajor.forward(x);
  const [b, [bh, bc]] = batchFirst.forward(x.transpose(0, 1));
  assertNear(b.transpose(0, 1), a, "output");
  assertNear(bh, ah, "hN");
  assertNear(bc, ac, "cN");
  const [one, [oneH]] = timeMajor.forward(x.slice(1, 1, 2).squeeze(1));
  assertNear(one, a.slice(1, 1, 2).squeeze(1), "unbatched output");
  assertNear(oneH, ah.slice(1, 1, 2).squeeze(1), "unbatched hN");
});

test("dropout acts between layers in training mode only", () => {
  const options = { numLayers: 2, dropout: 0.5, ...float64, generator: g(13) };
  const dropped = new nn.RNN(3, 4, options);
  const plain = new nn.RNN(3, 4, { ...options, dropout: 0 });
  plain.loadStateDict(dropped.stateDict());
  const x = randn([3, 2, 3], { ...float64, generator: g(14) });
  const [trained] = dropped.forward(x);
  const [reference] = plain.forward(x);
  assert.ok(trained.sub(reference).abs().max().item() > 1e-6, "training mode drops");
  assertNear(dropped.eval().forward(x)[0], reference, "eval mode");
  assert.throws(() => new nn.LSTM(2, 2, { dropout: 1 }), /dropout must be in \[0, 1\), got 1/);
});

test("bad inputs: one line naming the module and the values", () => {
  const lstm = new nn.LSTM(3, 2, { numLayers: 2 });
  assert.throws(
    () => lstm.forward(randn([4, 2, 5])),
    /LSTM: input has 5 features per step, expected inputSize 3/,
  );
  assert.throws(
    () => lstm.forward(randn([4, 2, 3]), [zeros([1, 2, 2]), zeros([2, 2, 2])]),
    /LSTM: h0 must have shape \[2, 2, 2\], got \[1, 2, 2\]/,
  );
  assert.throws(
    () => lstm.forward(randn([4, 2, 3], float64)),
    /LSTM: input has dtype float64 but the parameters are float32/,
  );
  assert.throws(
    () => lstm.forward(randn([4, 2, 3]), null, { lengths: [5, 1] }),
    /every length must be an integer in \[0, 4\], got 5/,
  );
  assert.throws(
    () => lstm.forward(randn([4, 2, 3]), null, { lengths: [1] }),
    /1 lengths for 2 sequences/,
  );
  assert.throws(() => lstm.forward(randn([4, 2, 3, 1])), /LSTM: input must be \[L, N, features\]/);
  assert.throws(() => lstm.forward(randn([0, 2, 3])), /LSTM: the input has no time steps/);
  assert.throws(
    () => new nn.RNN(2, 2, { nonlinearity: "sigmoid" as "tanh" }),
    /nonlinearity must be "tanh" or "relu"/,
  );
  assert.throws(() => new nn.GRU(0, 2), /GRU: feature counts must be positive integers, got 0/);
});
