// Convolution layers: PyTorch's arguments, parameter names and shapes, default initialisation bounds,
// bias: false, padding modes, seeded reproducibility, and a small CNN whose loss falls.
import assert from "node:assert/strict";
import { test } from "node:test";
import { conv2d, Generator, nn, optim, pad, randn, tensor, type Tensor } from "../../src/node.js";

const bound = (t: Tensor): number => Math.max(...Array.from(t.dataSync(), Math.abs));

test("Conv2d: weight [out, in/groups, kH, kW] and bias [out] under PyTorch's names and bounds", () => {
  const conv = new nn.Conv2d(4, 6, [3, 2], { groups: 2, generator: new Generator(1) });
  assert.deepEqual(
    conv.namedParameters().map(([name, p]) => [name, p.shape]),
    [
      ["weight", [6, 2, 3, 2]],
      ["bias", [6]],
    ],
  );
  // kaiming_uniform(a = √5): U(±1/√fanIn), fanIn = in/groups · kH · kW = 12; the bias likewise
  assert.ok(bound(conv.weight) <= 1 / Math.sqrt(12) && bound(conv.weight) > 0.8 / Math.sqrt(12));
  assert.ok(bound(conv.bias!) <= 1 / Math.sqrt(12));
  assert.deepEqual(conv.forward(randn([2, 4, 5, 5])).shape, [2, 6, 3, 4]);
  assert.equal(new nn.Conv2d(1, 2, 3, { bias: false }).bias, null);
  assert.deepEqual(Object.keys(new nn.Conv2d(1, 2, 3, { bias: false }).stateDict()), ["weight"]);
  const again = new nn.Conv2d(4, 6, [3, 2], { groups: 2, generator: new Generator(1) });
  assert.deepEqual(again.weight.toArray(), conv.weight.toArray());
  const double = new nn.Conv2d(2, 3, 3, { dtype: "float64" });
  assert.equal(double.weight.dtype, "float64");
  assert.equal(double.forward(randn([1, 2, 4, 4], { dtype: "float64" })).dtype, "float64");
});

test("Conv2d padding modes: reflect / replicate / circular pad first, 'same' included", () => {
  const x = randn([2, 3, 6, 5], { generator: new Generator(2) });
  for (const paddingMode of ["reflect", "replicate", "circular"] as const) {
    const conv = new nn.Conv2d(3, 4, 3, { padding: 1, paddingMode, generator: new Generator(3) });
    const expected = conv2d(pad(x, [1, 1, 1, 1], { mode: paddingMode }), conv.weight, {
      bias: conv.bias,
    });
    assert.deepEqual(conv.forward(x).toArray(), expected.toArray());
    const same = new nn.Conv2d(3, 4, [2, 4], {
      padding: "same",
      paddingMode,
      generator: new Generator(3),
    });
    const padded = pad(x, [1, 2, 0, 1], { mode: paddingMode });
    assert.deepEqual(
      same.forward(x).toArray(),
      conv2d(padded, same.weight, { bias: same.bias }).toArray(),
    );
  }
});

test("Conv1d and ConvTranspose2d: shapes, fan-in of the transposed weight, options kept", () => {
  const conv = new nn.Conv1d(3, 4, 5, { padding: "same", generator: new Generator(4) });
  assert.deepEqual(conv.weight.shape, [4, 3, 5]);
  assert.deepEqual(conv.forward(randn([2, 3, 16])).shape, [2, 4, 16]);
  assert.deepEqual(conv.forward(randn([3, 16])).shape, [4, 16]);
  const up = new nn.ConvTranspose2d(8, 4, 2, { stride: 2, generator: new Generator(5) });
  assert.deepEqual(up.weight.shape, [8, 4, 2, 2]);
  // PyTorch's fan-in of a transposed weight is weight.shape[1] · kH · kW = 16
  assert.ok(bound(up.weight) <= 1 / 4 && bound(up.bias!) <= 1 / 4);
  assert.deepEqual(up.forward(randn([1, 8, 7, 7])).shape, [1, 4, 14, 14]);
  assert.deepEqual(up.stride, [2, 2]);
});

test("layers reject channel counts that groups do not divide", () => {
  assert.throws(
    () => new nn.Conv2d(3, 4, 3, { groups: 2 }),
    /^RangeError: Conv2d: channels 3 and 4 must be divisible by groups 2/,
  );
  assert.throws(
    () => new nn.Conv2d(0, 4, 3),
    /Conv2d: feature counts must be positive integers, got 0/,
  );
});

test("a small CNN learns horizontal from vertical bars (loss falls, 100% accuracy)", () => {
  const generator = new Generator(6);
  const images: number[][][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 32; i++) {
    const at = i % 6;
    const image = Array.from({ length: 6 }, (_, r) =>
      Array.from(
        { length: 6 },
        (_, c) => ((i % 2 === 0 ? r : c) === at ? 1 : 0) + 0.1 * generator.uniform(),
      ),
    );
    images.push(image);
    labels.push(i % 2);
  }
  const x = tensor(images).unsqueeze(1);
  const y = tensor(labels, { dtype: "int32" });
  const model = new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 1, generator }),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(36, 2, { generator }),
  );
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
  const losses: number[] = [];
  for (let step = 0; step < 40; step++) {
    optimizer.zeroGrad();
    const loss = nn.crossEntropy(model.forward(x), y);
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  }
  assert.ok(losses.at(-1)! < 0.2 * losses[0]!, `losses ${losses[0]} → ${losses.at(-1)}`);
  const predictions = model.forward(x).argmax(1).dataSync();
  assert.deepEqual(Array.from(predictions), labels);
});
