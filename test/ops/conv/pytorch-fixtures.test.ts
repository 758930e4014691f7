// Every convolution, pooling and padding op against PyTorch's float64 values and gradients
// (test/ops/conv/fixtures/pytorch-conv.json, written by scripts/conv-fixtures.py), on every backend.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as gradus from "../../../src/node.js";
import type { BackendName, Tensor } from "../../../src/node.js";

interface FixtureCase {
  readonly op: string;
  readonly options: Record<string, unknown>;
  readonly inputs: { shape: number[]; values: number[] }[];
  readonly output: { shape: number[]; values: number[] };
  readonly weights: number[];
  readonly grads: number[][];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/pytorch-conv.json", import.meta.url), "utf8"),
) as { torch: string; cases: FixtureCase[] };

/** Calls the gradus op of a fixture case (options are already in gradus's names). */
function run(op: string, inputs: Tensor[], options: Record<string, unknown>): Tensor {
  const [x, weight, bias] = inputs as [Tensor, Tensor, Tensor | undefined];
  const withBias = { ...options, bias: options.bias === true ? bias! : null };
  switch (op) {
    case "conv2d":
      return gradus.conv2d(x, weight, withBias as gradus.Conv2dOptions);
    case "conv1d":
      return gradus.conv1d(x, weight, withBias as gradus.Conv1dOptions);
    case "convTranspose2d":
      return gradus.convTranspose2d(x, weight, withBias as gradus.ConvTranspose2dOptions);
    case "maxPool2d":
      return gradus.maxPool2d(x, options as unknown as gradus.MaxPool2dOptions);
    case "maxPool1d":
      return gradus.maxPool1d(x, options as unknown as gradus.MaxPool1dOptions);
    case "avgPool2d":
      return gradus.avgPool2d(x, options as unknown as gradus.AvgPool2dOptions);
    case "avgPool1d":
      return gradus.avgPool1d(x, options as unknown as gradus.AvgPool1dOptions);
    case "adaptiveAvgPool2d":
      return gradus.adaptiveAvgPool2d(x, options.outputSize as number);
    case "pad":
      return gradus.pad(x, options.pads as number[], options as gradus.PadOptions);
  }
  throw new Error(`unknown op ${op}`);
}

function assertClose(actual: ArrayLike<number>, expected: readonly number[], label: string) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= 1e-12 * (1 + Math.abs(expected[i]!))))
      assert.fail(`${label}: element ${i} is ${actual[i]}, PyTorch ${expected[i]}`);
  }
}

for (const backend of gradus.availableBackends() as BackendName[]) {
  test(`every conv, pool and pad case matches PyTorch ${fixture.torch} in float64 (${backend})`, () => {
    const previous = gradus.getBackend() as BackendName;
    gradus.setBackend(backend);
    try {
      assert.ok(fixture.cases.length >= 20);
      for (const [index, c] of fixture.cases.entries()) {
        const label = `case ${index} ${c.op} ${JSON.stringify(c.options)}`;
        const inputs = c.inputs.map(({ shape, values }) =>
          gradus.tensor(values, { dtype: "float64", requiresGrad: true }).reshape(shape),
        );
        const leaves = inputs.map((x) => x.detach().requiresGrad_());
        const output = run(c.op, leaves, c.options);
        assert.deepEqual(output.shape, c.output.shape, label);
        assertClose(output.dataSync(), c.output.values, `${label} output`);
        const weights = gradus.tensor(c.weights, { dtype: "float64" }).reshape(output.shape);
        output.mul(weights).sum().backward();
        leaves.forEach((leaf, i) =>
          assertClose(leaf.grad!.dataSync(), c.grads[i]!, `${label} grad ${i}`),
        );
      }
    } finally {
      gradus.setBackend(previous);
    }
  });
}
