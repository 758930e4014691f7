// nn.LSTM/GRU/RNN and the cells agree with PyTorch in float64 to 1e-10: outputs, final states, and the
// gradients of every parameter, the input and the initial states, for 2-layer bidirectional batch-first
// stacks, padded batches (PyTorch's pack_padded_sequence), unbatched input and no bias. The fixture is
// written by scripts/recurrent-fixture.py with PyTorch's own weights, loaded through loadStateDict.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { nn, Tensor } from "../../../src/node.js";
import { onEveryBackend } from "../../support/every-backend.js";

interface Stored {
  readonly shape: number[];
  readonly data: number[];
}
interface Case {
  readonly module: string;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers?: number;
  readonly bidirectional?: boolean;
  readonly batchFirst?: boolean;
  readonly bias: boolean;
  readonly nonlinearity?: "tanh" | "relu";
  readonly lengths?: number[];
  readonly state: Record<string, Stored>;
  readonly input: Stored;
  readonly initial: Stored[];
  readonly lossWeights: Stored[];
  readonly output?: Stored;
  readonly finals: Stored[];
  readonly inputGrad: Stored;
  readonly initialGrads: Stored[];
  readonly parameterGrads: Record<string, Stored>;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/pytorch-recurrent.json", import.meta.url), "utf8"),
) as { torch: string; cases: Case[] };

const leaf = (stored: Stored): Tensor =>
  new Tensor(Float64Array.from(stored.data), stored.shape).requiresGrad_();

function assertNear(actual: Tensor, expected: Stored, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const values = actual.dataSync();
  expected.data.forEach((e, i) => {
    const error = Math.abs(values[i]! - e);
    assert.ok(
      error <= 1e-10 * Math.max(1, Math.abs(e)),
      `${what}[${i}]: ${values[i]} vs PyTorch ${e}`,
    );
  });
}

type AnyModule = nn.Module<[Tensor, ...unknown[]], unknown>;

function build(c: Case): AnyModule {
  const options = { bias: c.bias, dtype: "float64" as const };
  const layers = {
    ...options,
    numLayers: c.numLayers!,
    bidirectional: c.bidirectional!,
    batchFirst: c.batchFirst!,
  };
  const nonlinearity = c.nonlinearity ?? "tanh";
  const modules: Record<string, () => unknown> = {
    LSTM: () => new nn.LSTM(c.inputSize, c.hiddenSize, layers),
    GRU: () => new nn.GRU(c.inputSize, c.hiddenSize, layers),
    RNN: () => new nn.RNN(c.inputSize, c.hiddenSize, { ...layers, nonlinearity }),
    LSTMCell: () => new nn.LSTMCell(c.inputSize, c.hiddenSize, options),
    GRUCell: () => new nn.GRUCell(c.inputSize, c.hiddenSize, options),
    RNNCell: () => new nn.RNNCell(c.inputSize, c.hiddenSize, { ...options, nonlinearity }),
  };
  return modules[c.module]!() as AnyModule;
}

/** Output (layers only) and final states, as the module returns them, flattened to a list. */
function run(c: Case, module: AnyModule, input: Tensor, initial: Tensor[]): Tensor[] {
  const lstm = c.module.startsWith("LSTM");
  const hx = lstm ? [initial[0], initial[1]] : initial[0];
  if (c.module.endsWith("Cell")) {
    const result = module.forward(input, hx) as Tensor | [Tensor, Tensor];
    return result instanceof Tensor ? [result] : result;
  }
  const [output, final] = module.forward(input, hx, { lengths: c.lengths ?? null }) as [
    Tensor,
    Tensor | [Tensor, Tensor],
  ];
  return [output, ...(final instanceof Tensor ? [final] : final)];
}

onEveryBackend(
  "recurrent modules equal PyTorch 2.13 in float64: outputs, final states and all gradients",
  () => {
    for (const c of fixture.cases) {
      const label = `${c.module} ${JSON.stringify({ ...c, state: undefined, input: undefined }).slice(0, 160)}`;
      const module = build(c);
      const state: nn.StateDict = Object.fromEntries(
        Object.entries(c.state).map(([key, stored]) => [key, leaf(stored)]),
      );
      assert.deepEqual(
        module.namedParameters().map(([name]) => name),
        Object.keys(c.state),
        `${label}: parameter names and order`,
      );
      module.loadStateDict(state);
      const [input, initial] = [leaf(c.input), c.initial.map(leaf)];
      const results = run(c, module, input, initial);
      const expected = c.output === undefined ? c.finals : [c.output, ...c.finals];
      results.forEach((result, i) => assertNear(result, expected[i]!, `${label} result ${i}`));
      results
        .map((result, i) => result.mul(leaf(c.lossWeights[i]!)).sum())
        .reduce((a, b) => a.add(b))
        .backward();
      assertNear(input.grad!, c.inputGrad, `${label} ∂input`);
      initial.forEach((x, i) => assertNear(x.grad!, c.initialGrads[i]!, `${label} ∂initial ${i}`));
      for (const [name, parameter] of module.namedParameters())
        assertNear(parameter.grad!, c.parameterGrads[name]!, `${label} ∂${name}`);
    }
  },
  ["float64"],
);
