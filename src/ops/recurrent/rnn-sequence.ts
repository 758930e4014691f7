// rnnSequence: an Elman RNN layer's recurrence over a whole sequence as one primitive: per step one
// GEMM h·W_hhᵀ and one fused kernel (add and tanh or relu); its first-order backward likewise.
import { isGradEnabled } from "../../autodiff/index.js";
import type { FloatArray } from "../../backend/backend.js";
import { allocateUninitialized } from "../../backend/dtype.js";
import type { RnnNonlinearity } from "../../backend/recurrent-kernels.js";
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
import { rnnUnrolled } from "./unrolled.js";

interface RnnParams {
  readonly nonlinearity: RnnNonlinearity;
  readonly lengths: Int32Array | null;
  /** h_0 … h_L as [(L + 1)·rows·H] (the output is a view of rows 1 … L), kept when recorded. */
  readonly saved: { states: FloatArray | null };
}

type Inputs = [Tensor, Tensor, Tensor];

const rnnSequenceOp = /* @__PURE__ */ defineOp<Inputs, RnnParams>({
  name: "rnnSequence",
  forward: (inputs, { nonlinearity, lengths, saved }, backend) => {
    const [x, h0, weight] = inputs;
    const { steps, rows, hidden } = sequenceShape("rnnSequence", x, 1);
    const block = rows * hidden;
    const states = allocateUninitialized(x.dtype, (steps + 1) * block) as FloatArray;
    states.set(contiguousData(h0) as FloatArray);
    const xData = contiguousData(x) as FloatArray;
    const weightT = preparedWeight(backend, weight, true);
    const product = takeBuffer(x.dtype, block);
    for (let step = 0; step < steps; step++) {
      stepProduct(backend, states, step * block, rows, weightT, product);
      backend.rnnStep({
        rows,
        hidden,
        lengths,
        step,
        nonlinearity,
        x: xData,
        xAt: step * block,
        product,
        h: states,
        hAt: step * block,
      });
    }
    giveBack(product);
    if (isGradEnabled() && inputs.some((input) => input.requiresGrad)) saved.states = states;
    return new Tensor(states, [steps, rows, hidden], undefined, block);
  },
  // ∂ via the fused steps backward for a first-order gradient; op by op when it is recorded
  backward: (outputGrad, context) =>
    isGradEnabled()
      ? recomputedGradients(context.inputs, outputGrad, () => {
          const [x, h0, weight] = context.inputs;
          const { nonlinearity, lengths } = context.params;
          return rnnUnrolled(x, h0, weight, nonlinearity, lengths);
        })
      : fusedGradients(outputGrad, context),
});

/** Backpropagation through time on the saved states: one kernel and one GEMM per step. */
function fusedGradients(
  outputGrad: Tensor,
  { inputs, params: { nonlinearity, lengths, saved } }: OpContext<Inputs, RnnParams>,
): (Tensor | null)[] {
  const [x, h0, weight] = inputs;
  const backend = activeBackend();
  const { steps, rows, hidden } = sequenceShape("rnnSequence", x, 1);
  const block = rows * hidden;
  const dh = takeBuffer(x.dtype, (steps + 1) * block);
  dh.fill(0, 0, block).set(contiguousData(outputGrad.astype(x.dtype)) as FloatArray, block);
  const dPre = outputTensor([steps, rows, hidden], x.dtype);
  const recurrent = takeBuffer(x.dtype, block);
  const weightData = preparedWeight(backend, weight, false);
  for (let step = steps - 1; step >= 0; step--) {
    backend.rnnStepBackward({
      rows,
      hidden,
      lengths,
      step,
      nonlinearity,
      h: saved.states!,
      hAt: step * block,
      dh,
      dhAt: step * block,
      recurrent: step === steps - 1 ? null : recurrent,
      dPre: dPre.data as FloatArray,
      dPreAt: step * block,
    });
    stepProduct(backend, dPre.data as FloatArray, step * block, rows, weightData, recurrent);
  }
  const [dh0] = stateGradients(x.dtype, [rows, hidden], dh, steps > 0 ? recurrent : null);
  giveBack(dh, recurrent);
  return [
    x.requiresGrad ? dPre : null,
    h0.requiresGrad ? dh0 : null,
    weight.requiresGrad ? transposedProduct(backend, dPre, saved.states!, hidden) : null,
  ];
}

/**
 * The recurrence of one Elman RNN layer over a sequence: from the input projections xPre [L, rows, H]
 * (x_t·W_ihᵀ + b_ih + b_hh for every step), h0 [rows, H] and W_hh [H, H],
 * h_t = act(xPre_t + h_{t−1}·W_hhᵀ) with act tanh or relu. Returns h_1 … h_L as [L, rows, H]; with
 * `lengths` a row keeps its state from its length on, as a packed sequence. Differentiable to any
 * order (the fused backward serves first-order gradients).
 * @example rnnSequence(xPre, zeros([2, 3]), weightHh, "tanh").shape; // [L, 2, 3]
 */
export function rnnSequence(
  xPre: Tensor,
  h0: Tensor,
  weightHh: Tensor,
  nonlinearity: RnnNonlinearity = "tanh",
  lengths: SequenceLengths = null,
): Tensor {
  const op = "rnnSequence";
  expectSameFloat(op, [xPre, h0, weightHh]);
  const { steps, rows, hidden } = sequenceShape(op, xPre, 1);
  expectShape(op, "h0", h0, [rows, hidden]);
  expectShape(op, "weightHh", weightHh, [hidden, hidden]);
  if (nonlinearity !== "tanh" && nonlinearity !== "relu") {
    throw new RangeError(
      `${op}: nonlinearity must be "tanh" or "relu", got "${String(nonlinearity)}"`,
    );
  }
  return rnnSequenceOp([xPre, h0, weightHh], {
    nonlinearity,
    lengths: checkedLengths(op, lengths, steps, rows),
    saved: { states: null },
  });
}
