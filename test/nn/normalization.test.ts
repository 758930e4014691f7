// BatchNorm1d/2d, LayerNorm and GroupNorm against PyTorch (float64, 1e-12) over three training steps
// and one in eval mode; state-dict keys equal to PyTorch's; buffers, train/eval, round trips, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, ones, randn, type Tensor } from "../../src/index.js";
import {
  assertMatches,
  decode,
  fixture,
  type ModuleCase,
} from "../ops/fixtures/normalization-fixture.js";

/** The gradus module of a fixture case, in float64. */
function build({ module, args, options }: ModuleCase): nn.Module {
  const settings = { ...options, dtype: "float64" } as const;
  switch (module) {
    case "BatchNorm1d":
      return new nn.BatchNorm1d(args[0] as number, settings);
    case "BatchNorm2d":
      return new nn.BatchNorm2d(args[0] as number, settings);
    case "LayerNorm":
      return new nn.LayerNorm(args[0]!, settings as nn.LayerNormOptions);
    case "GroupNorm":
      return new nn.GroupNorm(
        args[0] as number,
        args[1] as number,
        settings as nn.GroupNormOptions,
      );
  }
}

for (const entry of fixture.modules) {
  test(`${entry.name}: state-dict keys, outputs, gradients and buffers match PyTorch`, () => {
    const module = build(entry);
    assert.deepEqual(Object.keys(module.stateDict()), entry.stateDictKeys);
    module.loadStateDict(
      Object.fromEntries(Object.entries(entry.initialState).map(([k, v]) => [k, decode(v)])),
    );
    entry.steps.forEach((step, i) => {
      const what = `${entry.name} step ${i} (${step.mode})`;
      module.train(step.mode === "train");
      module.zeroGrad();
      const x = decode(step.input).requiresGrad_();
      const output = module.forward(x);
      assertMatches(output, step.output, `${what} output`);
      output.mul(decode(step.upstream)).sum().backward();
      assertMatches(x.grad, step.inputGrad, `${what} ∂/∂input`);
      const parameters = new Map(module.namedParameters());
      for (const [name, grad] of Object.entries(step.parameterGrads))
        assertMatches(parameters.get(name)!.grad, grad, `${what} ∂/∂${name}`);
      const state = module.stateDict();
      assert.deepEqual(Object.keys(state), Object.keys(step.state));
      for (const [name, value] of Object.entries(step.state))
        assertMatches(state[name]!, value, `${what} ${name}`);
    });
  });
}

test("buffers: running statistics under PyTorch's keys, num_batches_tracked int32, not parameters", () => {
  const bn = new nn.BatchNorm2d(3);
  assert.deepEqual(
    bn.namedParameters().map(([name]) => name),
    ["weight", "bias"],
  );
  assert.deepEqual(
    bn.namedBuffers().map(([name]) => name),
    ["running_mean", "running_var", "num_batches_tracked"],
  );
  assert.equal(bn.numBatchesTracked!.dtype, "int32");
  assert.deepEqual(bn.numBatchesTracked!.shape, []);
  assert.deepEqual(bn.runningVar!.toArray(), [1, 1, 1]);
  assert.deepEqual(bn.weight!.toArray(), [1, 1, 1]);
  assert.deepEqual(bn.bias!.toArray(), [0, 0, 0]);
  const untracked = new nn.BatchNorm1d(2, { trackRunningStats: false, affine: false });
  assert.deepEqual(untracked.namedBuffers(), []);
  assert.deepEqual(untracked.parameters(), []);
});

test("train() and eval(): batch statistics then running ones; running ones unchanged in eval", () => {
  const bn = new nn.BatchNorm1d(2, { dtype: "float64" });
  const x = randn([6, 2], { dtype: "float64" }).mul(3).add(5);
  const trained = bn.forward(x);
  const batchMeans = trained.mean(0).dataSync();
  batchMeans.forEach((m) => assert.ok(Math.abs(m) < 1e-12));
  assert.equal(bn.numBatchesTracked!.item(), 1);
  const runningMean = Array.from(bn.runningMean!.dataSync());
  bn.eval();
  const evaluated = bn.forward(x);
  assert.ok(Math.abs(evaluated.mean(0).dataSync()[0]!) > 1, "eval normalises with running values");
  assert.deepEqual(Array.from(bn.runningMean!.dataSync()), runningMean);
  assert.equal(bn.numBatchesTracked!.item(), 1);
  // one sample is fine in eval mode, refused in training mode
  assert.deepEqual(bn.forward(ones([1, 2], { dtype: "float64" })).shape, [1, 2]);
  assert.throws(
    () => bn.train().forward(ones([1, 2], { dtype: "float64" })),
    /expected more than 1 value per channel when training, got input of shape \[1, 2\]/,
  );
  assert.equal(bn.numBatchesTracked!.item(), 1, "a refused batch is not counted");
  assert.deepEqual(Array.from(bn.runningMean!.dataSync()), runningMean);
});

test("loadStateDict round trip: a fresh model gives the same eval outputs", () => {
  const source = new nn.Sequential(
    new nn.BatchNorm1d(3),
    new nn.LayerNorm(3),
    new nn.GroupNorm(1, 3),
  );
  for (let i = 0; i < 3; i++) source.forward(randn([4, 3]));
  source.eval();
  const target = new nn.Sequential(
    new nn.BatchNorm1d(3),
    new nn.LayerNorm(3),
    new nn.GroupNorm(1, 3),
  );
  target.loadStateDict(source.stateDict());
  target.eval();
  const x = randn([5, 3]);
  assert.deepEqual(target.forward(x).toArray(), source.forward(x).toArray());
  assert.equal(target.stateDict()["layers.0.num_batches_tracked"]!.item(), 3);
});

test("bad input: ranks, channels, normalized shape and groups are named", () => {
  const cases: [() => unknown, RegExp][] = [
    [
      () => new nn.BatchNorm1d(3).forward(randn([2, 3, 4, 5])),
      /BatchNorm1d: expected 2-D \[N, C\] or 3-D \[N, C, L\] input, got shape \[2, 3, 4, 5\]/,
    ],
    [
      () => new nn.BatchNorm2d(3).forward(randn([2, 3, 4])),
      /BatchNorm2d: expected 4-D \[N, C, H, W\] input/,
    ],
    [
      () => new nn.BatchNorm2d(3).forward(randn([2, 4, 2, 2])),
      /BatchNorm2d: input of shape \[2, 4, 2, 2\] has 4 channels but numFeatures is 3/,
    ],
    [
      () => new nn.LayerNorm([2, 3]).forward(randn([4, 3, 2])),
      /layerNorm: normalizedShape \[2, 3\] does not match the input's trailing shape: input \[4, 3, 2\]/,
    ],
    [() => new nn.GroupNorm(4, 6), /GroupNorm: numChannels 6 is not divisible by numGroups 4/],
    [
      () => new nn.GroupNorm(2, 6).forward(randn([2, 4, 3])),
      /GroupNorm: expected input \[N, 6, \*\] \(numChannels 6\), got shape \[2, 4, 3\]/,
    ],
    [() => new nn.BatchNorm1d(0), /BatchNorm1d: feature counts must be positive integers, got 0/],
  ];
  for (const [run, message] of cases) assert.throws(run, message);
});

test("momentum null: the running mean is the cumulative average of the batch means", () => {
  const bn = new nn.BatchNorm1d(1, { momentum: null, dtype: "float64" });
  const batches: Tensor[] = [0, 1, 2].map(() => randn([4, 1], { dtype: "float64" }));
  for (const batch of batches) bn.forward(batch);
  const average = batches.reduce((sum, b) => sum + b.mean().item(), 0) / batches.length;
  assert.ok(Math.abs(bn.runningMean!.item() - average) < 1e-14);
});
