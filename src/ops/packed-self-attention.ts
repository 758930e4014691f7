// Self-attention over one packed projection [N, T, 3E] (query | key | value, PyTorch's in_proj
// layout), as one fused primitive: the attention kernels read the heads in place, write the output
// as merged heads [N, T, E] and the gradient as one packed [N, T, 3E]. Multi-head self-attention
// then needs one in-projection product each way instead of three, and no gradient is assembled.
import { isGradEnabled } from "../autodiff/index.js";
import type { AttentionDropout, AttentionProblem } from "../backend/attention.js";
import type { FloatArray } from "../backend/dtype.js";
import { activeBackend } from "../backend/registry.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";
import { attentionGradients, type AttentionMasking } from "./attention-from-primitives.js";
import { batchedMatrices, type AttentionSizes } from "./attention-layout.js";
import { concat } from "./concat.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";

export interface PackedSelfAttentionOptions {
  readonly heads: number;
  /** Only pairs j ≤ i take part. */
  readonly causal: boolean;
  /** Dropout on the probabilities (the mask drawn from the seed, as scaledDotProductAttention's). */
  readonly dropout: AttentionDropout | null;
}

interface Params extends PackedSelfAttentionOptions {
  /** Each row's log Σ exp from the forward, [N·heads, T]. */
  lse: Float64Array | null;
}

/** Features [from, from + H·hd) of x [N, T, ·] as heads [N, H, T, hd]: a plain view, no op recorded. */
function headsView(x: Tensor, from: number, heads: number, headDim: number): Tensor {
  const [strideN, strideT, strideE] = x.strides as [number, number, number];
  const [N, T] = x.shape as [number, number];
  const shape = [N, heads, T, headDim];
  return new Tensor(
    x.data,
    shape,
    [strideN, headDim * strideE, strideT, strideE],
    x.offset + from * strideE,
  );
}

type Layout = ReturnType<typeof layoutOf>;

/** Sizes (E = packed width / 3) and the masking the kernels and the recorded backward share. */
function layoutOf(packed: Tensor, { heads, causal, dropout }: Params) {
  const [N, T, width] = packed.shape as [number, number, number];
  const embed = width / 3;
  const headDim = embed / heads;
  const sizes: AttentionSizes = {
    batchShape: [N, heads],
    batch: N * heads,
    queries: T,
    keys: T,
    headDim,
    valueDim: headDim,
  };
  const masking: AttentionMasking = {
    batchShape: sizes.batchShape,
    additive: null,
    allowed: null,
    causal,
    scale: 1 / Math.sqrt(headDim),
    dropout,
  };
  return { N, T, heads, embed, headDim, sizes, masking };
}

/** Features [from, from + E) of x [N, T, ·] as the kernels' strided [T, hd] matrices, one per (n, h). */
function matrices(x: Tensor, from: number, layout: Layout) {
  const view = headsView(x, from, layout.heads, layout.headDim) as Tensor & { data: FloatArray };
  return batchedMatrices(view, layout.sizes, layout.T, layout.headDim);
}

function problemOf(packed: Tensor, layout: Layout): AttentionProblem {
  const { embed, sizes, masking } = layout;
  return {
    ...sizes,
    query: matrices(packed, 0, layout),
    key: matrices(packed, embed, layout),
    value: matrices(packed, 2 * embed, layout),
    mask: null,
    causal: masking.causal,
    scale: masking.scale,
    dropout: masking.dropout,
  };
}

const packedAttentionOp = /* @__PURE__ */ defineOp<[Tensor], Params>({
  name: "packedSelfAttention",
  forward: ([packed], params, backend) => {
    const layout = layoutOf(packed, params);
    const output = outputTensor([layout.N, layout.T, layout.embed], packed.dtype);
    params.lse = new Float64Array(layout.sizes.batch * layout.T);
    const out = matrices(output, 0, layout);
    backend.attentionForward({ ...problemOf(packed, layout), out, lse: params.lse });
    return output;
  },
  // the heads of P = [q | k | v] through scaledDotProductAttention's rule; ∂P = [∂q | ∂k | ∂v]
  backward: (outputGrad, { inputs: [packed], output, params }) => {
    const layout = layoutOf(packed, params);
    const { N, T, heads, embed, headDim } = layout;
    if (isGradEnabled()) {
      const split = (x: Tensor) => x.reshape([N, T, heads, headDim]).permute([0, 2, 1, 3]);
      const parts = [0, 1, 2].map((i) => split(packed.slice(2, i * embed, (i + 1) * embed)));
      const [q, k, v] = parts as [Tensor, Tensor, Tensor];
      const grads = attentionGradients(split(outputGrad), [q, k, v], layout.masking);
      return [
        concat(
          grads.map((g) => g.permute([0, 2, 1, 3]).reshape([N, T, embed])),
          2,
        ),
      ];
    }
    const gradient = outputTensor([N, T, 3 * embed], packed.dtype);
    activeBackend().attentionBackward({
      ...problemOf(packed, layout),
      out: matrices(output, 0, layout),
      lse: params.lse!,
      outputGrad: matrices(outputGrad, 0, layout),
      queryGrad: matrices(gradient, 0, layout),
      keyGrad: matrices(gradient, embed, layout),
      valueGrad: matrices(gradient, 2 * embed, layout),
      maskGrad: null,
    });
    return [gradient];
  },
});

/**
 * softmax(q·kᵀ/√hd)·v per head for packed = [q | k | v] [N, T, 3E] (heads of hd = E / heads
 * features), merged back as [N, T, E]: multi-head self-attention after one in-projection.
 * @example packedSelfAttention(linear(x, inProjWeight, inProjBias), { heads: 4, causal: true, dropout: null }).shape; // [N, T, E]
 */
export function packedSelfAttention(packed: Tensor, options: PackedSelfAttentionOptions): Tensor {
  const { heads, causal, dropout } = options;
  const width = packed.shape[2] ?? 0;
  if (packed.rank !== 3 || width % (3 * heads) !== 0)
    throw new ShapeError(
      `packedSelfAttention: packed must be [N, T, 3E] with E divisible by ${heads} heads, got ${formatShape(packed.shape)}`,
    );
  // the kernels read rows with contiguous features
  const rows = packed.strides[2] === 1 ? packed : packed.contiguous();
  return packedAttentionOp([rows], { heads, causal, dropout, lse: null });
}
