// Gradient cases of nn's composites (losses, layers, small models built from primitives): checked by
// gradus gradcheck and the tests like the ops' own rows.
import { concat } from "../ops/index.js";
import type { CaseBuilder, OpCase } from "../ops/op-row.js";
import { between, indices, pick, shapeOf, values } from "../ops/cases/random-inputs.js";
import type { Generator } from "../tensor/random.js";
import { tensor } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import * as nn from "./index.js";

const reductions = ["mean", "sum", "none"] as const;
/** Logits of shape [samples, classes] (1–4 samples, 2–4 classes). */
const logits = (g: Generator): Tensor =>
  values(g, [between(g, 1, 4), between(g, 2, 4)], { low: -4, high: 4 });

/** f(x, ...parameters): the module's forward with its parameters swapped for the given tensors. */
function functional(module: nn.Module): (x: Tensor, ...parameters: Tensor[]) => Tensor {
  const names = module.namedParameters().map(([name]) => name);
  return (x, ...parameters) =>
    nn.functionalCall(
      module,
      Object.fromEntries(names.map((name, i) => [name, parameters[i]!])),
      x,
    );
}

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

/** A module built by `make` from (in, out) sizes, checked in its input and every parameter. */
const layer =
  (make: (inFeatures: number, outFeatures: number, g: Generator) => nn.Module): CaseBuilder =>
  (g) => {
    const [inFeatures, outFeatures] = [between(g, 1, 3), between(g, 1, 3)];
    const module = make(inFeatures, outFeatures, g);
    const x = values(g, [...shapeOf(g, 0, 2), inFeatures]);
    return { inputs: [x, ...module.parameters()], f: functional(module) };
  };

/**
 * A normalisation module built by `make` from a channel count, on an input of `shape(channels)`,
 * checked in its input and parameters; in eval mode (probability 0.3) after two training steps.
 */
const normalization =
  (
    make: (channels: number, g: Generator) => nn.Module,
    shape: (c: number, g: Generator) => number[],
  ): CaseBuilder =>
  (g) => {
    const channels = between(g, 1, 3);
    const module = make(channels, g);
    const x = values(g, shape(channels, g));
    if (g.uniform() < 0.3) {
      for (let step = 0; step < 2; step++) module.forward(values(g, x.shape, { low: -3, high: 3 }));
      module.eval();
    }
    return { inputs: [x, ...module.parameters()], f: functional(module) };
  };
const float64 = { dtype: "float64" } as const;

/** nn composites by name: each entry is checked first and second order like an op. */
export const nnChecks: Readonly<Record<string, readonly CaseBuilder[]>> = {
  crossEntropy: [
    (g) => {
      const z = logits(g);
      const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
      return { inputs: [z], f: (x) => nn.crossEntropy(x, labels, { reduction }) };
    },
    // probability targets, differentiated too
    (g) => {
      const z = logits(g);
      const targets = values(g, z.shape).softmax(-1);
      const reduction = pick(g, reductions);
      return { inputs: [z, targets], f: (x, p) => nn.crossEntropy(x, p, { reduction }) };
    },
  ],
  nllLoss: [
    (g) => {
      const z = logits(g).logSoftmax(-1);
      const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
      return { inputs: [z], f: (x) => nn.nllLoss(x, labels, { reduction }) };
    },
  ],
  // logits up to ±6 and targets in [0, 1], both differentiated
  binaryCrossEntropyWithLogits: [
    (g) => {
      const shape = shapeOf(g, 1);
      const z = values(g, shape, { low: -6, high: 6 });
      const [y, reduction] = [values(g, shape, { low: 0, high: 1 }), pick(g, reductions)];
      return {
        inputs: [z, y],
        f: (a, b) => nn.binaryCrossEntropyWithLogits(a, b, { reduction }),
      };
    },
  ],
  mseLoss: [
    (g) => {
      const shape = shapeOf(g);
      const reduction = pick(g, reductions);
      return {
        inputs: [values(g, shape), values(g, shape)],
        f: (a, b) => nn.mseLoss(a, b, { reduction }),
      };
    },
  ],
  Linear: [
    layer(
      (i, o, g) => new nn.Linear(i, o, { dtype: "float64", generator: g, bias: g.uniform() < 0.7 }),
    ),
  ],
  MLP: [
    layer((i, o, g) => {
      const sizes = [i, between(g, 1, 4), ...(g.uniform() < 0.5 ? [between(g, 1, 3)] : []), o];
      const activation = pick(g, ["tanh", "sigmoid"] as const);
      return new nn.MLP(sizes, { activation, dtype: "float64", generator: g });
    }),
  ],
  BatchNorm1d: [
    normalization(
      (c, g) => new nn.BatchNorm1d(c, { ...float64, momentum: pick(g, [0.1, null]) }),
      (c, g) => [between(g, 2, 4), c, ...(g.uniform() < 0.5 ? [between(g, 1, 3)] : [])],
    ),
  ],
  BatchNorm2d: [
    normalization(
      (c, g) => new nn.BatchNorm2d(c, { ...float64, affine: g.uniform() < 0.8 }),
      (c, g) => [between(g, 1, 2), c, 2, between(g, 1, 2)],
    ),
  ],
  LayerNorm: [
    normalization(
      (c) => new nn.LayerNorm([c, 2], float64),
      (c, g) => [between(g, 1, 3), c, 2],
    ),
  ],
  GroupNorm: [
    normalization(
      (c, g) => new nn.GroupNorm(pick(g, [1, c]), c, float64),
      (c, g) => [between(g, 1, 2), c, 2],
    ),
  ],
  // q, k, v and every parameter; masks, causal, both layouts, with and without explicit weights
  MultiheadAttention: [
    (g) => {
      const [embedDim, numHeads] = pick(g, [
        [2, 1],
        [2, 2],
        [4, 2],
      ] as const);
      const [N, L, S] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 3)];
      const batchFirst = g.uniform() < 0.5;
      const mha = new nn.MultiheadAttention(embedDim, numHeads, {
        ...float64,
        batchFirst,
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const shape = (T: number) => (batchFirst ? [N, T, embedDim] : [T, N, embedDim]);
      // padding keeps key 0, so no row is left without a key
      const padding = indices(g, [N, S], 2).mul(
        tensor(
          Array.from({ length: S }, (_, j) => (j === 0 ? 0 : 1)),
          { dtype: "int32" },
        ),
      );
      const options = {
        keyPaddingMask: g.uniform() < 0.5 ? padding : null,
        isCausal: g.uniform() < 0.3,
        needWeights: g.uniform() < 0.5,
      };
      const names = mha.namedParameters().map(([name]) => name);
      return {
        inputs: [
          values(g, shape(L)),
          values(g, shape(S)),
          values(g, shape(S)),
          ...mha.parameters(),
        ],
        f: (q, k, v, ...parameters) => {
          const swapped = Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
          const [output, weights] = nn.functionalCall(mha, swapped, q!, k!, v!, options);
          return weights === null
            ? output
            : concat([output.reshape([-1]), weights.reshape([-1])], 0);
        },
      };
    },
  ],
  // self-attention without weights (one packed in-projection): x and every parameter, causal or not
  MultiheadSelfAttention: [
    (g) => {
      const [embedDim, numHeads] = pick(g, [
        [2, 1],
        [4, 2],
      ] as const);
      const mha = new nn.MultiheadAttention(embedDim, numHeads, {
        ...float64,
        batchFirst: true,
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const options = { isCausal: g.uniform() < 0.5, needWeights: false };
      const names = mha.namedParameters().map(([name]) => name);
      return {
        inputs: [values(g, [between(g, 1, 2), between(g, 1, 3), embedDim]), ...mha.parameters()],
        f: (x, ...parameters) => {
          const swapped = Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
          return nn.functionalCall(mha, swapped, x!, x!, x!, options)[0];
        },
      };
    },
  ],
  // input and every parameter of a small layer: post- or pre-norm, relu or gelu, masks, causal
  TransformerEncoderLayer: [
    (g) => {
      // NOTE: dModel ≥ 3: over 2 features LayerNorm's output is ±1 and its derivatives are ill-conditioned
      const [dModel, nhead] = pick(g, [
        [3, 1],
        [3, 3],
      ] as const);
      const [N, L] = [between(g, 1, 2), between(g, 1, 3)];
      const layer = new nn.TransformerEncoderLayer(dModel, nhead, {
        ...float64,
        dimFeedforward: between(g, 1, 2),
        dropout: 0,
        activation: pick(g, ["relu", "gelu"] as const),
        normFirst: g.uniform() < 0.5,
        batchFirst: true,
        generator: g,
      });
      const isCausal = g.uniform() < 0.5;
      const names = layer.namedParameters().map(([name]) => name);
      return {
        // NOTE: h = 1e-5: derivatives that are exactly 0 (the key bias moves every score of a row
        // alike) meet differences of outputs of size ≈ 10 whose rounding at h = 1e-6 reaches 1e-8
        options: { h: 1e-5 },
        inputs: [values(g, [N, L, dModel]), ...layer.parameters()],
        f: (x, ...parameters) =>
          nn.functionalCall(
            layer,
            Object.fromEntries(names.map((name, i) => [name, parameters[i]!])),
            x!,
            { isCausal },
          ),
      };
    },
  ],
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
  attentionFromPrimitives: [
    (g) => {
      const [n, d] = [between(g, 1, 3), between(g, 1, 3)];
      const [q, k, v] = [values(g, [n, d]), values(g, [n, d]), values(g, [n, d])];
      const scale = 1 / Math.sqrt(d);
      return {
        inputs: [q, k, v],
        f: (qq, kk, vv) => qq.matmul(kk.transpose()).mul(scale).softmax(-1).matmul(vv),
      };
    },
  ],
  layerNormFromPrimitives: [
    (g) => ({
      inputs: [values(g, [between(g, 1, 3), between(g, 2, 4)], { low: -3, high: 3 })],
      f: (x) => x.sub(x.mean(-1, true)).div(x.var(-1, true, 0).add(1e-5).sqrt()),
    }),
  ],
};
