// Native recurrent layers give the same bits for any thread count: a 2-layer bidirectional LSTM and a
// GRU with lengths, forward and every gradient, at 1, 2, 3 and 4 threads. Skipped without the addon.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import {
  availableBackends,
  Generator,
  getBackend,
  nn,
  randn,
  setBackend,
  setNumThreads,
  type BackendName,
  type Tensor,
} from "../../src/node.js";

/** Output, final states and all gradients of one training step, flattened into one array. */
function stepBits(
  module: nn.Module<[Tensor, null, nn.SequenceOptions], unknown>,
  x: Tensor,
  lengths: number[] | null,
): number[] {
  module.zeroGrad();
  const input = x.detach().requiresGrad_();
  const result = module.forward(input, null, { lengths }) as [Tensor, Tensor | Tensor[]];
  const tensors = [result[0], ...(Array.isArray(result[1]) ? result[1] : [result[1]])];
  tensors.reduce((total, t) => total.add(t.square().sum()), tensors[0]!.sum().mul(0)).backward();
  return [...tensors, input.grad!, ...module.parameters().map((p) => p.grad!)].flatMap((t) =>
    Array.from(t.dataSync()),
  );
}

test(
  "LSTM and GRU forward and backward are bitwise equal with 1, 2, 3 and 4 native threads",
  { skip: !availableBackends().includes("native") && "native addon not available" },
  () => {
    const previous = getBackend() as BackendName;
    setBackend("native");
    try {
      const modules = [
        [
          new nn.LSTM(48, 64, { numLayers: 2, bidirectional: true, generator: new Generator(1) }),
          null,
        ],
        [
          new nn.GRU(48, 64, { generator: new Generator(2), dtype: "float64" }),
          [9, 3, 16, 1, 16, 16, 2, 5, 7, 8, 9, 10, 11, 12, 13, 14],
        ],
      ] as const;
      for (const [module, lengths] of modules) {
        const x = randn([16, 16, 48], {
          generator: new Generator(3),
          dtype: module.weightsOf(0, 0).weightIh.dtype,
        });
        const runs = [1, 2, 3, 4].map((threads) => {
          setNumThreads(threads);
          return stepBits(
            module as nn.Module<[Tensor, null, nn.SequenceOptions], unknown>,
            x,
            lengths ? [...lengths] : null,
          );
        });
        for (const run of runs.slice(1)) assert.deepEqual(run, runs[0], module.mode);
      }
    } finally {
      setNumThreads(availableParallelism());
      setBackend(previous);
    }
  },
);
