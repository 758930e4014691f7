// Gradient cases of nn's recurrent composites (the cells, the stacked layers with lengths and initial
// states) and of the sparse embedding: every input, state and parameter, first and second order.
import { concat } from "../ops/index.js";
import type { CaseBuilder, OpCase } from "../ops/op-row.js";
import { between, indices, pick, values } from "../ops/cases/random-inputs.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import * as nn from "./index.js";

/**
 * A recurrent module checked in its input, its initial states and every parameter: `run` calls its
 * forward through functionalCall with the parameters swapped in, and f joins every result.
 */
function recurrentCase<M extends nn.Module<never[], unknown>>(
  module: M,
  inputs: readonly Tensor[],
  run: (module: M, parameters: Record<string, Tensor>, inputs: Tensor[]) => Tensor[],
): OpCase {
  const names = module.namedParameters().map(([name]) => name);
  return {
    inputs: [...inputs, ...module.parameters()],
    f: (...all) => {
      const parameters = Object.fromEntries(
        names.map((name, i) => [name, all[inputs.length + i]!]),
      );
      const results = run(module, parameters, all.slice(0, inputs.length));
      return concat(
        results.map((result) => result.reshape([-1])),
        0,
      );
    },
  };
}

/** Sizes of a recurrent case: small enough for second-order checks of every parameter. */
function recurrentSizes(g: Generator) {
  const [steps, rows, inputSize] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 2)];
  const numLayers = between(g, 1, 2);
  const bidirectional = numLayers === 1 && g.uniform() < 0.5;
  const lengths =
    g.uniform() < 0.4 ? Array.from({ length: rows }, () => between(g, 0, steps)) : null;
  const states = (numLayers * (bidirectional ? 2 : 1)) as number;
  return {
    steps,
    rows,
    inputSize,
    numLayers,
    bidirectional,
    lengths,
    states,
    batchFirst: g.uniform() < 0.5,
  };
}

/** Layer options for the checks: float64, the case's generator, no dropout. */
const layerOptions = (g: Generator, sizes: ReturnType<typeof recurrentSizes>) => ({
  numLayers: sizes.numLayers,
  bidirectional: sizes.bidirectional,
  batchFirst: sizes.batchFirst,
  bias: g.uniform() < 0.8,
  dtype: "float64" as const,
  generator: g,
});

/** Recurrent composites by name (merged into nnChecks). */
export const recurrentChecks: Readonly<Record<string, readonly CaseBuilder[]>> = {
  LSTMCell: [
    (g) => {
      const [rows, inputSize, hidden] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 2)];
      const cell = new nn.LSTMCell(inputSize, hidden, {
        dtype: "float64",
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const inputs = [
        values(g, [rows, inputSize]),
        values(g, [rows, hidden]),
        values(g, [rows, hidden]),
      ];
      return recurrentCase(cell, inputs, (m, p, [x, h, c]) =>
        nn.functionalCall(m, p, x!, [h!, c!]),
      );
    },
  ],
  GRUCell: [
    (g) => {
      const [rows, inputSize, hidden] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 2)];
      const cell = new nn.GRUCell(inputSize, hidden, {
        dtype: "float64",
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const inputs = [values(g, [rows, inputSize]), values(g, [rows, hidden])];
      return recurrentCase(cell, inputs, (m, p, [x, h]) => [nn.functionalCall(m, p, x!, h!)]);
    },
  ],
  RNNCell: [
    (g) => {
      const [rows, inputSize, hidden] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 2)];
      const nonlinearity = pick(g, ["tanh", "relu"] as const);
      const cell = new nn.RNNCell(inputSize, hidden, {
        dtype: "float64",
        generator: g,
        nonlinearity,
      });
      const inputs = [values(g, [rows, inputSize]), values(g, [rows, hidden])];
      return recurrentCase(cell, inputs, (m, p, [x, h]) => [nn.functionalCall(m, p, x!, h!)]);
    },
  ],
  LSTM: [
    (g) => {
      const sizes = recurrentSizes(g);
      const { steps, rows, inputSize, states, lengths } = sizes;
      const lstm = new nn.LSTM(inputSize, 1, layerOptions(g, sizes));
      const x = values(g, sizes.batchFirst ? [rows, steps, inputSize] : [steps, rows, inputSize]);
      const inputs = [x, values(g, [states, rows, 1]), values(g, [states, rows, 1])];
      return recurrentCase(lstm, inputs, (m, p, [input, h, c]) => {
        const [output, [hN, cN]] = nn.functionalCall(m, p, input!, [h!, c!], { lengths });
        return [output, hN, cN];
      });
    },
  ],
  GRU: [
    (g) => {
      const sizes = recurrentSizes(g);
      const { steps, rows, inputSize, states, lengths } = sizes;
      const gru = new nn.GRU(inputSize, 1, layerOptions(g, sizes));
      const x = values(g, sizes.batchFirst ? [rows, steps, inputSize] : [steps, rows, inputSize]);
      return recurrentCase(gru, [x, values(g, [states, rows, 1])], (m, p, [input, h]) => {
        const [output, hN] = nn.functionalCall(m, p, input!, h!, { lengths });
        return [output, hN];
      });
    },
  ],
  RNN: [
    (g) => {
      const sizes = recurrentSizes(g);
      const { steps, rows, inputSize, states, lengths } = sizes;
      const nonlinearity = pick(g, ["tanh", "relu"] as const);
      const rnn = new nn.RNN(inputSize, between(g, 1, 2), {
        ...layerOptions(g, sizes),
        nonlinearity,
      });
      const x = values(g, sizes.batchFirst ? [rows, steps, inputSize] : [steps, rows, inputSize]);
      const h0 = values(g, [states, rows, rnn.hiddenSize]);
      return recurrentCase(rnn, [x, h0], (m, p, [input, h]) => {
        const [output, hN] = nn.functionalCall(m, p, input!, h!, { lengths });
        return [output, hN];
      });
    },
  ],
  // the row-sparse lookup (first order) and its dense fallback (second order)
  sparseEmbedding: [
    (g) => {
      const [rows, dim] = [between(g, 1, 4), between(g, 1, 3)];
      const embedding = new nn.Embedding(rows, dim, {
        sparse: true,
        dtype: "float64",
        generator: g,
      });
      const at = indices(g, [between(g, 1, 4)], rows);
      return {
        inputs: [embedding.weight],
        f: (w) => nn.functionalCall(embedding, { weight: w }, at).tanh(),
      };
    },
  ],
};
