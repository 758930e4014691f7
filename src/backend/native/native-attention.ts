// The native backend's fused attention: operands packed for the addon (one offsets array, sizes in
// the shared parameter block); tiny problems and mixed dtypes run on the js reference.
import type {
  AttentionBackwardArgs,
  AttentionForwardArgs,
  AttentionProblem,
  BatchedMatrices,
} from "../attention.js";
import type { TypedArray } from "../dtype.js";
import type { Backend } from "../backend.js";
import { jsBackend } from "../js/index.js";
import type { NativeBinding } from "./binding.js";

// Below this many multiply-adds the per-call packing costs more than the js loops.
const MIN_ATTENTION_WORK = 4096;
const NO_MASK = new Float32Array(0);

/** Whether the addon can run `problem`: every operand of one float type, enough work. */
function nativeFits(problem: AttentionProblem, operands: readonly BatchedMatrices[]): boolean {
  const { batch, queries, keys, headDim, valueDim, mask } = problem;
  const type = problem.query.data.constructor;
  const floatMaskFits =
    mask === null || mask.data instanceof Int32Array || mask.data.constructor === type;
  return (
    batch * queries * keys * (headDim + valueDim) >= MIN_ATTENTION_WORK &&
    floatMaskFits &&
    operands.every((operand) => operand.data.constructor === type)
  );
}

const NONE: BatchedMatrices = {
  data: NO_MASK,
  offsets: new Float64Array(0),
  rowStride: 0,
  colStride: 0,
};

/**
 * Writes the problem's numbers into the parameter block and returns the arrays (q, k, v, mask,
 * offsets): offsets holds per entry those of q, k, v, mask, out, outputGrad, ∂q, ∂k, ∂v.
 */
function pack(
  problem: AttentionProblem,
  params: Float64Array,
  [out, outputGrad, queryGrad, keyGrad, valueGrad]: readonly BatchedMatrices[],
): TypedArray[] {
  const { query, key, value, mask, dropout } = problem;
  const operands = [
    query,
    key,
    value,
    mask ?? NONE,
    out!,
    outputGrad!,
    queryGrad!,
    keyGrad!,
    valueGrad!,
  ];
  params.set([
    problem.batch,
    problem.queries,
    problem.keys,
    problem.headDim,
    problem.valueDim,
    ...operands.flatMap((operand) => [operand.rowStride, operand.colStride]),
    mask === null ? 0 : mask.data instanceof Int32Array ? 1 : 2,
    problem.causal ? 1 : 0,
    problem.scale,
    dropout?.p ?? 0,
    dropout?.seed[0] ?? 0,
    dropout?.seed[1] ?? 0,
  ]);
  const offsets = new Float64Array(problem.batch * operands.length);
  for (let b = 0; b < problem.batch; b++)
    operands.forEach((operand, o) => (offsets[b * operands.length + o] = operand.offsets[b] ?? 0));
  return [query.data, key.data, value.data, mask?.data ?? NO_MASK, offsets];
}

/** attentionForward and attentionBackward of the native backend. */
export function nativeAttention(
  binding: NativeBinding,
  params: Float64Array,
): Pick<Backend, "attentionForward" | "attentionBackward"> {
  return {
    attentionForward(args: AttentionForwardArgs): void {
      if (!nativeFits(args, [args.out]) || args.out.colStride !== 1)
        return jsBackend.attentionForward(args);
      binding.attentionForward(
        ...pack(args, params, [args.out, NONE, NONE, NONE, NONE]),
        args.out.data,
        args.lse,
      );
    },
    attentionBackward(args: AttentionBackwardArgs): void {
      const outputs = [args.out, args.outputGrad, args.queryGrad, args.keyGrad, args.valueGrad];
      if (!nativeFits(args, outputs) || outputs.slice(2).some((grad) => grad.colStride !== 1))
        return jsBackend.attentionBackward(args);
      binding.attentionBackward(
        ...pack(args, params, outputs),
        args.out.data,
        args.lse,
        args.outputGrad.data,
        args.queryGrad.data,
        args.keyGrad.data,
        args.valueGrad.data,
        args.maskGrad ?? NO_MASK,
      );
    },
  };
}
