// Scaled dot-product attention as one fused primitive: the forward keeps only each row's log Σ exp
// (O(L) per head, not the [L, S] probabilities), the backward recomputes them one head at a time.
import { isGradEnabled } from "../autodiff/index.js";
import type { AttentionDropout, AttentionProblem } from "../backend/attention.js";
import type { FloatArray } from "../backend/dtype.js";
import { activeBackend } from "../backend/registry.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { attentionGradients, type AttentionMasking } from "./attention-from-primitives.js";
import {
  attentionSizes,
  batchedMatrices,
  checkMask,
  type AttentionSizes,
  attentionOutput,
  gradientLike,
} from "./attention-layout.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";

export interface ScaledDotProductAttentionOptions {
  /**
   * int32 0/1 (1: the pair takes part, PyTorch's boolean True) or float (added to the scaled
   * scores), broadcastable to [..., L, S]; a float mask that requires grad gets a gradient.
   */
  readonly attnMask?: Tensor | null;
  /** Only pairs j ≤ i take part (PyTorch's lower-triangular mask); not together with attnMask. */
  readonly isCausal?: boolean;
  /** Dropout on the probabilities (default 0: off); the mask is drawn from `generator`. */
  readonly dropoutP?: number;
  /** The scores' factor (default 1/√E). */
  readonly scale?: number | null;
  readonly generator?: Generator;
}

interface Params extends AttentionSizes {
  readonly masking: AttentionMasking;
  /** Each row's log Σ exp from the forward, [batch, L]. */
  lse: Float64Array | null;
}

/** A float tensor [...batch, rows, cols] as the kernels' strided matrices. */
const floatMatrices = (x: Tensor, sizes: AttentionSizes, rows: number, cols: number) =>
  batchedMatrices(x as Tensor & { data: FloatArray }, sizes, rows, cols);

/** The kernels' view of the problem (the additive mask is the op's fourth input). */
function problemOf(inputs: readonly Tensor[], params: Params): AttentionProblem {
  const { masking, queries: L, keys: S, headDim: E, valueDim: Ev } = params;
  const mask = inputs[3] ?? masking.allowed;
  return {
    ...params,
    query: floatMatrices(inputs[0]!, params, L, E),
    key: floatMatrices(inputs[1]!, params, S, E),
    value: floatMatrices(inputs[2]!, params, S, Ev),
    mask: mask === null ? null : batchedMatrices(mask, params, L, S),
    causal: masking.causal,
    scale: masking.scale,
    dropout: masking.dropout,
  };
}

const attentionOp = /* @__PURE__ */ defineOp<Tensor[], Params>({
  name: "scaledDotProductAttention",
  forward: (inputs, params, backend) => {
    const output = attentionOutput(params, inputs[0]!.dtype);
    params.lse = new Float64Array(params.batch * params.queries);
    const out = floatMatrices(output, params, params.queries, params.valueDim);
    backend.attentionForward({ ...problemOf(inputs, params), out, lse: params.lse });
    return output;
  },
  // x = scale·q·kᵀ + mask, P = softmax(x), O = dropout(P)·v: ∂x = P∘(∂P − Σⱼ P∘∂P) (see attentionGradients)
  backward: (outputGrad, { inputs, output, params }) => {
    const [query, key, value, mask] = inputs as [Tensor, Tensor, Tensor, Tensor | undefined];
    if (isGradEnabled()) return attentionGradients(outputGrad, [query, key, value], params.masking);
    const { batchShape, queries: L, keys: S, headDim: E, valueDim: Ev } = params;
    const gradients = [
      gradientLike(query, [...batchShape, L, E]),
      gradientLike(key, [...batchShape, S, E]),
      gradientLike(value, [...batchShape, S, Ev]),
    ] as const;
    const maskGrad = mask?.requiresGrad ? outputTensor([...batchShape, L, S], query.dtype) : null;
    activeBackend().attentionBackward({
      ...problemOf(inputs, params),
      out: floatMatrices(output, params, L, Ev),
      lse: params.lse!,
      outputGrad: floatMatrices(outputGrad, params, L, Ev),
      queryGrad: floatMatrices(gradients[0], params, L, E),
      keyGrad: floatMatrices(gradients[1], params, S, E),
      valueGrad: floatMatrices(gradients[2], params, S, Ev),
      maskGrad: (maskGrad?.data ?? null) as FloatArray | null,
    });
    return mask === undefined ? gradients : [...gradients, maskGrad];
  },
});

/**
 * softmax(q·kᵀ·scale + mask)·v over the last two axes, as PyTorch's scaled_dot_product_attention:
 * query [..., L, E], key [..., S, E], value [..., S, Ev] with broadcast batch axes give
 * [..., L, Ev]. A row where no pair takes part gives 0. Differentiable to any order.
 * @example scaledDotProductAttention(q, k, v, { isCausal: true }).shape; // [N, H, L, Ev]
 */
export function scaledDotProductAttention(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  options: ScaledDotProductAttentionOptions = {},
): Tensor {
  const sizes = attentionSizes(query, key, value);
  const { attnMask = null, isCausal = false, dropoutP = 0, generator = defaultGenerator } = options;
  const scale = options.scale ?? 1 / Math.sqrt(sizes.headDim);
  const op = "scaledDotProductAttention";
  if (attnMask !== null && isCausal)
    throw new Error(`${op}: pass either attnMask or isCausal, not both (as PyTorch)`);
  if (!(dropoutP >= 0 && dropoutP < 1))
    throw new RangeError(`${op}: dropoutP must be in [0, 1), got ${dropoutP}`);
  if (!Number.isFinite(scale)) throw new RangeError(`${op}: scale must be finite, got ${scale}`);
  if (attnMask !== null) checkMask(attnMask, sizes);
  const additive =
    attnMask !== null && attnMask.dtype !== "int32" ? attnMask.astype(query.dtype) : null;
  const dropout: AttentionDropout | null =
    dropoutP === 0 ? null : { p: dropoutP, seed: [generator.nextUint32(), generator.nextUint32()] };
  const masking: AttentionMasking = {
    batchShape: sizes.batchShape,
    additive,
    allowed: attnMask !== null && additive === null ? attnMask : null,
    causal: isCausal,
    scale,
    dropout,
  };
  const inputs = additive === null ? [query, key, value] : [query, key, value, additive];
  return attentionOp(inputs, { ...sizes, masking, lse: null });
}
