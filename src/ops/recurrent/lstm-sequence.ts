// lstmSequence: an LSTM layer's recurrence over a whole sequence as one primitive: per step one GEMM
// h·W_hhᵀ and one fused gate kernel; its first-order backward runs the steps back the same way.
import { isGradEnabled } from "../../autodiff/index.js";
import type { Backend, FloatArray } from "../../backend/backend.js";
import { allocateUninitialized } from "../../backend/dtype.js";
import { activeBackend } from "../../backend/registry.js";
import { Tensor } from "../../tensor/tensor.js";
import { defineOp, type OpContext } from "../define-op.js";
import { contiguousData, outputTensor } from "../kernels.js";
import { recomputedGradients } from "./recomputed-gradients.js";
import { giveBack, takeBuffer } from "./workspace.js";
import {
  checkedLengths,
  expectSameFloat,
  expectShape,
  sequenceShape,
  stepProduct,
  preparedWeight,
  type SequenceLengths,
} from "./sequence-args.js";
import { stateGradients, transposedProduct } from "./sequence-gradients.js";
import { lstmUnrolled } from "./unrolled.js";

/** What the forward keeps for the fused backward (only when the call is recorded). */
interface LstmSaved {
  /** h_0 … h_L, then c_L, as [(L + 2)·rows·H] (the output is a view of rows 1 … L + 1). */
  states: FloatArray | null;
  /** c_0 … c_L. */
  cells: FloatArray | null;
  /** σ(i), σ(f), tanh(g), σ(o), tanh(c_t) per step and row. */
  gates: FloatArray | null;
}

interface LstmParams {
  readonly lengths: Int32Array | null;
  readonly saved: LstmSaved;
}

type Inputs = [Tensor, Tensor, Tensor, Tensor];

const lstmSequenceOp = /* @__PURE__ */ defineOp<Inputs, LstmParams>({
  name: "lstmSequence",
  forward: (inputs, { lengths, saved }, backend) => {
    const [x, h0, c0, weight] = inputs;
    const { steps, rows, hidden } = sequenceShape("lstmSequence", x, 4);
    const block = rows * hidden;
    const recorded = isGradEnabled() && inputs.some((input) => input.requiresGrad);
    const states = allocateUninitialized(x.dtype, (steps + 2) * block) as FloatArray;
    const cells = takeBuffer(x.dtype, (steps + 1) * block);
    states.set(contiguousData(h0) as FloatArray);
    cells.set(contiguousData(c0) as FloatArray);
    const gates = recorded ? takeBuffer(x.dtype, steps * 5 * block) : null;
    const xData = contiguousData(x) as FloatArray;
    const weightT = preparedWeight(backend, weight, true);
    const product = takeBuffer(x.dtype, 4 * block);
    for (let step = 0; step < steps; step++) {
      stepProduct(backend, states, step * block, rows, weightT, product);
      backend.lstmStep({
        rows,
        hidden,
        lengths,
        step,
        x: xData,
        xAt: step * 4 * block,
        product,
        h: states,
        hAt: step * block,
        c: cells,
        cAt: step * block,
        saved: gates,
        savedAt: step * 5 * block,
      });
    }
    states.set(cells.subarray(steps * block, (steps + 1) * block), (steps + 1) * block);
    giveBack(product, ...(recorded ? [] : [cells]));
    if (recorded) Object.assign(saved, { states, cells, gates });
    return new Tensor(states, [steps + 1, rows, hidden], undefined, block);
  },
  // ∂ via the fused steps backward for a first-order gradient; op by op when it is recorded
  backward: (outputGrad, context) =>
    isGradEnabled()
      ? recomputedGradients(context.inputs, outputGrad, () => {
          const [x, h0, c0, weight] = context.inputs;
          return lstmUnrolled(x, h0, c0, weight, context.params.lengths);
        })
      : fusedGradients(outputGrad, context),
  // the graph is freed: the gates and cell states it kept (never handed out) can serve the next call
  release: ({ params: { saved } }) => {
    giveBack(saved.gates, saved.cells);
    saved.gates = saved.cells = null;
  },
});

/** Backpropagation through time on the saved gates: one kernel and one GEMM per step. */
function fusedGradients(
  outputGrad: Tensor,
  { inputs, params: { lengths, saved } }: OpContext<Inputs, LstmParams>,
): (Tensor | null)[] {
  const [x, h0, c0, weight] = inputs;
  const backend: Backend = activeBackend();
  const { steps, rows, hidden } = sequenceShape("lstmSequence", x, 4);
  const block = rows * hidden;
  const upstream = contiguousData(outputGrad.astype(x.dtype)) as FloatArray;
  // ∂h_t and ∂c_t by step (row 0: the initial states), filled with the output's gradient
  const [dh, dc] = [
    takeBuffer(x.dtype, (steps + 1) * block),
    takeBuffer(x.dtype, (steps + 1) * block),
  ];
  dh.fill(0, 0, block).set(upstream.subarray(0, steps * block), block);
  dc.fill(0, 0, steps * block).set(upstream.subarray(steps * block), steps * block);
  const dGates = outputTensor([steps, rows, 4 * hidden], x.dtype);
  const recurrent = takeBuffer(x.dtype, block);
  const weightData = preparedWeight(backend, weight, false);
  for (let step = steps - 1; step >= 0; step--) {
    backend.lstmStepBackward({
      rows,
      hidden,
      lengths,
      step,
      saved: saved.gates!,
      savedAt: step * 5 * block,
      c: saved.cells!,
      cAt: step * block,
      dh,
      dhAt: step * block,
      dc,
      dcAt: step * block,
      recurrent: step === steps - 1 ? null : recurrent,
      dGates: dGates.data as FloatArray,
      dGatesAt: step * 4 * block,
    });
    if (step === 0 && !h0.requiresGrad) break;
    const at = step * 4 * block;
    stepProduct(backend, dGates.data as FloatArray, at, rows, weightData, recurrent);
  }
  const [dh0, dc0] = stateGradients(x.dtype, [rows, hidden], dh, steps > 0 ? recurrent : null, dc);
  giveBack(dh, dc, recurrent);
  return [
    x.requiresGrad ? dGates : null,
    h0.requiresGrad ? dh0 : null,
    c0.requiresGrad ? dc0 : null,
    weight.requiresGrad ? transposedProduct(backend, dGates, saved.states!, hidden) : null,
  ];
}

/**
 * The recurrence of one LSTM layer over a sequence (PyTorch's gates i, f, g, o): from the input
 * projections xGates [L, rows, 4H] (x_t·W_ihᵀ + b_ih + b_hh for every step), the initial states h0,
 * c0 [rows, H] and W_hh [4H, H], c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g) and h_t = σ(o)⊙tanh(c_t). Returns
 * [L + 1, rows, H]: h_1 … h_L, then c_L. With `lengths`, a row stops at its length and keeps its
 * state from there (its h_L and c_L are those at its last step), as a packed sequence.
 * Differentiable to any order (the fused backward serves first-order gradients).
 * @example lstmSequence(xGates, zeros([2, 3]), zeros([2, 3]), weightHh).shape; // [L + 1, 2, 3]
 */
export function lstmSequence(
  xGates: Tensor,
  h0: Tensor,
  c0: Tensor,
  weightHh: Tensor,
  lengths: SequenceLengths = null,
): Tensor {
  const op = "lstmSequence";
  expectSameFloat(op, [xGates, h0, c0, weightHh]);
  const { steps, rows, hidden } = sequenceShape(op, xGates, 4);
  expectShape(op, "h0", h0, [rows, hidden]);
  expectShape(op, "c0", c0, [rows, hidden]);
  expectShape(op, "weightHh", weightHh, [4 * hidden, hidden]);
  const saved: LstmSaved = { states: null, cells: null, gates: null };
  return lstmSequenceOp([xGates, h0, c0, weightHh], {
    lengths: checkedLengths(op, lengths, steps, rows),
    saved,
  });
}
