// Padded batches with `lengths`: each row gives what it gives alone, cut to its length (outputs and
// final states of both directions), its outputs past the length are 0, and no gradient reaches its
// padding; the per-row reversal puts the backward direction's start at the last real token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, randn, tensor, type Tensor } from "../../../src/index.js";
import { SequenceLayout } from "../../../src/nn/recurrent/sequence-layout.js";

const float64 = { dtype: "float64" as const };

function assertNear(actual: Tensor, expected: Tensor, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  e.forEach((value, i) =>
    assert.ok(Math.abs(a[i]! - value) <= 1e-12, `${what}[${i}]: ${a[i]} vs ${value}`),
  );
}

test("reverse flips each row's first `length` steps and leaves its padding in place", () => {
  const layout = new SequenceLayout("test", randn([4, 3, 1]), false, [4, 2, 0]);
  const steps = tensor([
    [0, 10, 20],
    [1, 11, 21],
    [2, 12, 22],
    [3, 13, 23],
  ]).reshape([4, 3, 1]);
  assert.deepEqual(layout.reverse(steps).reshape([4, 3]).toArray(), [
    [3, 11, 20],
    [2, 10, 21],
    [1, 12, 22],
    [0, 13, 23],
  ]);
  assert.deepEqual(layout.masked(steps).reshape([4, 3]).toArray(), [
    [0, 10, 0],
    [1, 11, 0],
    [2, 0, 0],
    [3, 0, 0],
  ]);
});

for (const [name, make] of [
  [
    "LSTM",
    () =>
      new nn.LSTM(3, 2, {
        numLayers: 2,
        bidirectional: true,
        ...float64,
        generator: new Generator(1),
      }),
  ],
  [
    "GRU",
    () =>
      new nn.GRU(3, 2, {
        numLayers: 2,
        bidirectional: true,
        batchFirst: true,
        ...float64,
        generator: new Generator(2),
      }),
  ],
  [
    "RNN",
    () =>
      new nn.RNN(3, 2, {
        bidirectional: true,
        nonlinearity: "relu",
        ...float64,
        generator: new Generator(3),
      }),
  ],
] as const)
  test(`${name} with lengths: every row equals that row alone, cut to its length`, () => {
    const module = make() as nn.Module<
      [Tensor, null, nn.SequenceOptions],
      [Tensor, Tensor | [Tensor, Tensor]]
    >;
    const batchFirst = name === "GRU";
    const lengths = [5, 2, 3];
    const x = randn(batchFirst ? [3, 5, 3] : [5, 3, 3], {
      ...float64,
      generator: new Generator(4),
    }).requiresGrad_();
    const [output, final] = module.forward(x, null, { lengths });
    const finals = final instanceof Array ? final : [final];
    lengths.forEach((length, row) => {
      const alone = batchFirst
        ? x.slice(0, row, row + 1).slice(1, 0, length)
        : x.slice(1, row, row + 1).slice(0, 0, length);
      const [own, ownFinal] = module.forward(alone, null, {});
      const ownFinals = ownFinal instanceof Array ? ownFinal : [ownFinal];
      const mine = batchFirst ? output.slice(0, row, row + 1) : output.slice(1, row, row + 1);
      assertNear(
        batchFirst ? mine.slice(1, 0, length) : mine.slice(0, 0, length),
        own,
        `${name} row ${row} outputs`,
      );
      const padding = batchFirst ? mine.slice(1, length) : mine.slice(0, length);
      assert.ok(
        padding.abs().sum().item() === 0,
        `${name} row ${row}: outputs past the length are 0`,
      );
      ownFinals.forEach((state, k) =>
        assertNear(finals[k]!.slice(1, row, row + 1), state, `${name} row ${row} final ${k}`),
      );
    });
    output
      .sum()
      .add(finals.reduce((total, state) => total.add(state.sum()), output.sum().mul(0)))
      .backward();
    lengths.forEach((length, row) => {
      const grad = batchFirst
        ? x.grad!.slice(0, row, row + 1).slice(1, length)
        : x.grad!.slice(1, row, row + 1).slice(0, length);
      assert.ok(
        grad.abs().sum().item() === 0,
        `${name} row ${row}: no gradient reaches the padding`,
      );
    });
  });
