// gruSequence: a GRU layer's recurrence over a whole sequence as one primitive: per step one GEMM
// h·W_hhᵀ and one fused gate kernel; its first-order backward runs the steps back the same way.
import { isGradEnabled } from "../../autodiff/index.js";
import type { FloatArray } from "../../backend/backend.js";
import { allocateUninitialized } from "../../backend/dtype.js";
import { activeBackend } from "../../backend/registry.js";
import { zeros } from "../../tensor/creation.js";
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
import { gruUnrolled } from "./unrolled.js";

/** What the forward keeps for the fused backward (only when the call is recorded). */
interface GruSaved {
  /** h_0 … h_L as [(L + 1)·rows·H] (the output is a view of rows 1 … L). */
  states: FloatArray | null;
  /** r, z, n and W_hn·h + b_hn per step and row. */
  gates: FloatArray | null;
}

interface GruParams {
  readonly lengths: Int32Array | null;
  readonly saved: GruSaved;
}

type Inputs = [Tensor, Tensor, Tensor, Tensor];

const gruSequenceOp = /* @__PURE__ */ defineOp<Inputs, GruParams>({
  name: "gruSequence",
  forward: (inputs, { lengths, saved }, backend) => {
    const [x, h0, weight, bias] = inputs;
    const { steps, rows, hidden } = sequenceShape("gruSequence", x, 3);
    const block = rows * hidden;
    const recorded = isGradEnabled() && inputs.some((input) => input.requiresGrad);
    const states = allocateUninitialized(x.dtype, (steps + 1) * block) as FloatArray;
    states.set(contiguousData(h0) as FloatArray);
    const gates = recorded ? takeBuffer(x.dtype, steps * 4 * block) : null;
    const [xData, biasData] = [contiguousData(x), contiguousData(bias)] as FloatArray[];
    const weightT = preparedWeight(backend, weight, true);
    const product = takeBuffer(x.dtype, 3 * block);
    for (let step = 0; step < steps; step++) {
      stepProduct(backend, states, step * block, rows, weightT, product);
      backend.gruStep({
        rows,
        hidden,
        lengths,
        step,
        x: xData!,
        xAt: step * 3 * block,
        product,
        bias: biasData!,
        h: states,
        hAt: step * block,
        saved: gates,
        savedAt: step * 4 * block,
      });
    }
    giveBack(product);
    if (recorded) Object.assign(saved, { states, gates });
    return new Tensor(states, [steps, rows, hidden], undefined, block);
  },
  // ∂ via the fused steps backward for a first-order gradient; op by op when it is recorded
  backward: (outputGrad, context) =>
    isGradEnabled()
      ? recomputedGradients(context.inputs, outputGrad, () => {
          const [x, h0, weight, bias] = context.inputs;
          return gruUnrolled(x, h0, weight, bias, context.params.lengths);
        })
      : fusedGradients(outputGrad, context),
  // the graph is freed: the gates it kept (never handed out) can serve the next call
  release: ({ params: { saved } }) => {
    giveBack(saved.gates);
    saved.gates = null;
  },
});

/** Backpropagation through time on the saved gates: one kernel and one GEMM per step. */
function fusedGradients(
  outputGrad: Tensor,
  { inputs, params: { lengths, saved } }: OpContext<Inputs, GruParams>,
): (Tensor | null)[] {
  const [x, h0, weight, bias] = inputs;
  const backend = activeBackend();
  const { steps, rows, hidden } = sequenceShape("gruSequence", x, 3);
  const block = rows * hidden;
  const dh = takeBuffer(x.dtype, (steps + 1) * block);
  dh.fill(0, 0, block).set(contiguousData(outputGrad.astype(x.dtype)) as FloatArray, block);
  const dx = outputTensor([steps, rows, 3 * hidden], x.dtype);
  const dProduct = outputTensor([steps, rows, 3 * hidden], x.dtype);
  const recurrent = takeBuffer(x.dtype, block);
  const weightData = preparedWeight(backend, weight, false);
  for (let step = steps - 1; step >= 0; step--) {
    const at = step * 3 * block;
    backend.gruStepBackward({
      rows,
      hidden,
      lengths,
      step,
      saved: saved.gates!,
      savedAt: step * 4 * block,
      h: saved.states!,
      hAt: step * block,
      dh,
      dhAt: step * block,
      recurrent: step === steps - 1 ? null : recurrent,
      dx: dx.data as FloatArray,
      dxAt: at,
      dProduct: dProduct.data as FloatArray,
      dProductAt: at,
    });
    stepProduct(backend, dProduct.data as FloatArray, at, rows, weightData, recurrent);
  }
  const [dh0] = stateGradients(x.dtype, [rows, hidden], dh, steps > 0 ? recurrent : null);
  giveBack(dh, recurrent);
  return [
    x.requiresGrad ? dx : null,
    h0.requiresGrad ? dh0 : null,
    weight.requiresGrad ? transposedProduct(backend, dProduct, saved.states!, hidden) : null,
    bias.requiresGrad ? dProduct.reshape([steps * rows, 3 * hidden]).sum(0) : null,
  ];
}

/**
 * The recurrence of one GRU layer over a sequence (PyTorch's gates r, z, n): from the input
 * projections xGates [L, rows, 3H] (x_t·W_ihᵀ + b_ih for every step), h0 [rows, H], W_hh [3H, H] and
 * b_hh [3H] (or null), r = σ(x_r + W_hr h + b_hr), z = σ(x_z + W_hz h + b_hz),
 * n = tanh(x_n + r⊙(W_hn h + b_hn)) and h_t = (1 − z)⊙n + z⊙h_{t−1}. Returns h_1 … h_L as
 * [L, rows, H]; with `lengths` a row keeps its state from its length on, as a packed sequence.
 * Differentiable to any order (the fused backward serves first-order gradients).
 * @example gruSequence(xGates, zeros([2, 3]), weightHh, biasHh).shape; // [L, 2, 3]
 */
export function gruSequence(
  xGates: Tensor,
  h0: Tensor,
  weightHh: Tensor,
  biasHh: Tensor | null = null,
  lengths: SequenceLengths = null,
): Tensor {
  const op = "gruSequence";
  const { steps, rows, hidden } = sequenceShape(op, xGates, 3);
  const bias = biasHh ?? zeros([3 * hidden], { dtype: xGates.dtype });
  expectSameFloat(op, [xGates, h0, weightHh, bias]);
  expectShape(op, "h0", h0, [rows, hidden]);
  expectShape(op, "weightHh", weightHh, [3 * hidden, hidden]);
  expectShape(op, "biasHh", bias, [3 * hidden]);
  const saved: GruSaved = { states: null, gates: null };
  return gruSequenceOp([xGates, h0, weightHh, bias], {
    lengths: checkedLengths(op, lengths, steps, rows),
    saved,
  });
}
