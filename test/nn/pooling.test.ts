// Pooling layers and Flatten: no parameters, PyTorch's defaults (stride = kernel), options kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Generator, nn, ones, randn } from "../../src/node.js";

test("pooling layers hold no parameters and apply their op with PyTorch's defaults", () => {
  const x = randn([2, 3, 8, 7], { generator: new Generator(1) });
  const layers = [
    new nn.MaxPool2d(2),
    new nn.MaxPool2d([3, 2], { stride: 2, padding: 1 }),
    new nn.AvgPool2d(2, { ceilMode: true }),
    new nn.AdaptiveAvgPool2d([3, null]),
    new nn.Flatten(),
  ];
  assert.deepEqual(
    layers.map((layer) => layer.forward(x).shape),
    [
      [2, 3, 4, 3],
      [2, 3, 4, 4],
      [2, 3, 4, 4],
      [2, 3, 3, 7],
      [2, 168],
    ],
  );
  for (const layer of layers) assert.deepEqual(layer.parameters(), []);
  assert.equal(
    new nn.AvgPool2d(2)
      .forward(ones([1, 1, 4, 4]))
      .sum()
      .item(),
    4,
  );
  assert.deepEqual(new nn.MaxPool1d(2).forward(randn([2, 3, 9])).shape, [2, 3, 4]);
  assert.deepEqual(new nn.AvgPool1d(3, { stride: 1 }).forward(randn([3, 9])).shape, [3, 7]);
  assert.deepEqual(new nn.Flatten(0, 1).forward(x).shape, [6, 8, 7]);
});
