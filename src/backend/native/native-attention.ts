// The native backend's fused attention: operands packed for the addon (one offsets array, sizes in
// the shared parameter block); tiny problems and mixed dtypes run on the js reference.
import type {
  AttentionBackwardArgs,
  AttentionForwardArgs,
  AttentionProblem,
} from "../attention.js";
import type { Backend } from "../backend.js";
import { jsBackend } from "../js/index.js";
import type { NativeBinding } from "./binding.js";

// Below this many multiply-adds the per-call packing costs more than the js loops.
const MIN_ATTENTION_WORK = 4096;
const NO_MASK = new Float32Array(0);

/** Whether the addon can run `problem`: q, k, v (and a float mask) of one float type, enough work. */
function nativeFits(problem: AttentionProblem, out: ArrayBufferView): boolean {
  const { batch, queries, keys, headDim, valueDim, query, key, value, mask } = problem;
  const type = out.constructor;
  const floatMaskFits =
    mask === null || mask.data instanceof Int32Array || mask.data.constructor === type;
  return (
    batch * queries * keys * (headDim + valueDim) >= MIN_ATTENTION_WORK &&
    query.data.constructor === type &&
    key.data.constructor === type &&
    value.data.constructor === type &&
    floatMaskFits
  );
}

/** Writes the problem's numbers into the parameter block; returns the (q, k, v, mask, offsets) arrays. */
function pack(problem: AttentionProblem, params: Float64Array): ArrayBufferView[] {
  const { query, key, value, mask, dropout } = problem;
  const numbers = [
    problem.batch,
    problem.queries,
    problem.keys,
    problem.headDim,
    problem.valueDim,
    query.rowStride,
    query.colStride,
    key.rowStride,
    key.colStride,
    value.rowStride,
    value.colStride,
    mask === null ? 0 : mask.data instanceof Int32Array ? 1 : 2,
    mask?.rowStride ?? 0,
    mask?.colStride ?? 0,
    problem.causal ? 1 : 0,
    problem.scale,
    dropout?.p ?? 0,
    dropout?.seed[0] ?? 0,
    dropout?.seed[1] ?? 0,
  ];
  params.set(numbers);
  const offsets = new Float64Array(problem.batch * 4);
  for (let b = 0; b < problem.batch; b++) {
    offsets[4 * b] = query.offsets[b]!;
    offsets[4 * b + 1] = key.offsets[b]!;
    offsets[4 * b + 2] = value.offsets[b]!;
    offsets[4 * b + 3] = mask?.offsets[b] ?? 0;
  }
  return [query.data, key.data, value.data, mask?.data ?? NO_MASK, offsets];
}

/** attentionForward and attentionBackward of the native backend. */
export function nativeAttention(
  binding: NativeBinding,
  params: Float64Array,
): Pick<Backend, "attentionForward" | "attentionBackward"> {
  return {
    attentionForward(args: AttentionForwardArgs): void {
      if (!nativeFits(args, args.out)) return jsBackend.attentionForward(args);
      binding.attentionForward(...(pack(args, params) as never[]), args.out, args.lse);
    },
    attentionBackward(args: AttentionBackwardArgs): void {
      if (!nativeFits(args, args.out) || args.outputGrad.constructor !== args.out.constructor)
        return jsBackend.attentionBackward(args);
      binding.attentionBackward(
        ...(pack(args, params) as never[]),
        args.out,
        args.lse,
        args.outputGrad,
        args.queryGrad,
        args.keyGrad,
        args.valueGrad,
        args.maskGrad ?? NO_MASK,
      );
    },
  };
}
