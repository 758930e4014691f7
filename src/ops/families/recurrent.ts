// The recurrent primitives (one LSTM, GRU or Elman RNN layer over a sequence): gradient cases over
// every input, with and without per-row lengths.
import type { Generator } from "../../tensor/random.js";
import { between, pick, values } from "../cases/random-inputs.js";
import type { OpFamily } from "../op-row.js";
import { gruSequence } from "../recurrent/gru-sequence.js";
import { lstmSequence } from "../recurrent/lstm-sequence.js";
import { rnnSequence } from "../recurrent/rnn-sequence.js";

/** Steps 1–3, rows 1–2, hidden 1–2, and per-row lengths in [0, steps] about half the time. */
function sizes(g: Generator): {
  steps: number;
  rows: number;
  hidden: number;
  lengths: number[] | null;
} {
  const [steps, rows, hidden] = [between(g, 1, 3), between(g, 1, 2), between(g, 1, 2)];
  const lengths =
    g.uniform() < 0.5 ? Array.from({ length: rows }, () => between(g, 0, steps)) : null;
  return { steps, rows, hidden, lengths };
}

export const recurrentOps = {
  lstmSequence: {
    fn: lstmSequence,
    rule: "BPTT: ∂c_{t−1} = ∂c_t⊙σ(f), ∂gates = (∂c_t⊙(tanh g, c_{t−1}, σ(i)), ∂h_t⊙tanh c_t)⊙act′, ∂h_{t−1} = ∂gates·W_hh",
    cases: [
      (g) => {
        const { steps, rows, hidden, lengths } = sizes(g);
        const inputs = [
          values(g, [steps, rows, 4 * hidden]),
          values(g, [rows, hidden]),
          values(g, [rows, hidden]),
          values(g, [4 * hidden, hidden], { low: -1, high: 1 }),
        ];
        return { inputs, f: (x, h, c, w) => lstmSequence(x!, h!, c!, w!, lengths) };
      },
    ],
  },
  gruSequence: {
    fn: gruSequence,
    rule: "BPTT: ∂n = ∂h_t⊙(1 − z), ∂z = ∂h_t⊙(h_{t−1} − n), ∂r = ∂n_pre⊙(W_hn h + b_hn), ∂h_{t−1} = ∂h_t⊙z + ∂gates_h·W_hh",
    cases: [
      (g) => {
        const { steps, rows, hidden, lengths } = sizes(g);
        const inputs = [
          values(g, [steps, rows, 3 * hidden]),
          values(g, [rows, hidden]),
          values(g, [3 * hidden, hidden], { low: -1, high: 1 }),
          values(g, [3 * hidden]),
        ];
        return { inputs, f: (x, h, w, b) => gruSequence(x!, h!, w!, b!, lengths) };
      },
    ],
  },
  rnnSequence: {
    fn: rnnSequence,
    rule: "BPTT: ∂pre_t = ∂h_t⊙act′(pre_t), ∂h_{t−1} = ∂pre_t·W_hh",
    cases: [
      (g) => {
        const { steps, rows, hidden, lengths } = sizes(g);
        const nonlinearity = pick(g, ["tanh", "relu"] as const);
        const inputs = [
          values(g, [steps, rows, hidden]),
          values(g, [rows, hidden]),
          values(g, [hidden, hidden], { low: -1, high: 1 }),
        ];
        return { inputs, f: (x, h, w) => rnnSequence(x!, h!, w!, nonlinearity, lengths) };
      },
    ],
  },
} satisfies OpFamily;
