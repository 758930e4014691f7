// The cells: one step of the matching layer with the same weights (LSTMCell = LSTM over one step),
// unbatched input, missing states as zeros, and clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, randn, zeros, type Tensor } from "../../../src/index.js";

const float64 = { dtype: "float64" as const };

function assertNear(actual: Tensor, expected: Tensor, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  e.forEach((value, i) =>
    assert.ok(Math.abs(a[i]! - value) <= 1e-12, `${what}[${i}]: ${a[i]} vs ${value}`),
  );
}

/** The layer's keys for the cell's parameters (weight_ih → weight_ih_l0). */
const asLayer = (cell: nn.Module<never[], unknown>) =>
  Object.fromEntries(Object.entries(cell.stateDict()).map(([key, value]) => [`${key}_l0`, value]));

test("cells are one step of their layers, with PyTorch's keys", () => {
  const x = randn([3, 4], { ...float64, generator: new Generator(1) });
  const [h, c] = [randn([3, 5], float64), randn([3, 5], float64)];
  const lstmCell = new nn.LSTMCell(4, 5, { ...float64, generator: new Generator(2) });
  assert.deepEqual(Object.keys(lstmCell.stateDict()), [
    "weight_ih",
    "weight_hh",
    "bias_ih",
    "bias_hh",
  ]);
  const lstm = new nn.LSTM(4, 5, float64);
  lstm.loadStateDict(asLayer(lstmCell));
  const [h1, c1] = lstmCell.forward(x, [h, c]);
  const [output, [hN, cN]] = lstm.forward(x.unsqueeze(0), [h.unsqueeze(0), c.unsqueeze(0)]);
  assertNear(h1, output.at(0), "LSTMCell h");
  assertNear(c1, cN.at(0), "LSTMCell c");
  assertNear(h1, hN.at(0), "LSTMCell hN");
  const gruCell = new nn.GRUCell(4, 5, { ...float64, generator: new Generator(3) });
  const gru = new nn.GRU(4, 5, float64);
  gru.loadStateDict(asLayer(gruCell));
  assertNear(
    gruCell.forward(x, h),
    gru.forward(x.unsqueeze(0), h.unsqueeze(0))[1].at(0),
    "GRUCell",
  );
  const rnnCell = new nn.RNNCell(4, 5, {
    nonlinearity: "relu",
    bias: false,
    ...float64,
    generator: new Generator(4),
  });
  const rnn = new nn.RNN(4, 5, { nonlinearity: "relu", bias: false, ...float64 });
  rnn.loadStateDict(asLayer(rnnCell));
  assertNear(
    rnnCell.forward(x, h),
    rnn.forward(x.unsqueeze(0), h.unsqueeze(0))[1].at(0),
    "RNNCell",
  );
});

test("cells take unbatched input and default to zero states", () => {
  const cell = new nn.LSTMCell(2, 3, { ...float64, generator: new Generator(5) });
  const x = randn([2], float64);
  const [h, c] = cell.forward(x);
  assert.deepEqual([h.shape, c.shape], [[3], [3]]);
  const [hBatched] = cell.forward(x.unsqueeze(0), [zeros([1, 3], float64), zeros([1, 3], float64)]);
  assertNear(h, hBatched.squeeze(0), "unbatched");
});

test("cells reject mismatched inputs with one clear line", () => {
  const cell = new nn.GRUCell(2, 3);
  assert.throws(
    () => cell.forward(randn([4, 5])),
    /GRUCell: input must be \[N, 2\] or \[2\], got \[4, 5\]/,
  );
  assert.throws(
    () => cell.forward(randn([4, 2]), zeros([3, 3])),
    /GRUCell: h must have shape \[4, 3\], got \[3, 3\]/,
  );
  assert.throws(
    () => cell.forward(randn([4, 2], float64)),
    /GRUCell: input has dtype float64 but the parameters are float32/,
  );
  assert.throws(
    () => new nn.RNNCell(2, 2, { nonlinearity: "gelu" as "tanh" }),
    /RNNCell: nonlinearity must be "tanh" or "relu"/,
  );
});
