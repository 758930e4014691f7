// Multi-head attention as PyTorch's nn.MultiheadAttention: packed in-projection, heads through the
// fused scaledDotProductAttention (or explicit weights when asked for), out-projection.
import type { DType } from "../backend/dtype.js";
import { attentionProbabilities, dropoutMultipliers } from "../ops/attention-from-primitives.js";
import { linear } from "../ops/linear.js";
import { packedSelfAttention } from "../ops/packed-self-attention.js";
import { scaledDotProductAttention } from "../ops/scaled-dot-product-attention.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { mergedAttentionMask } from "./attention-masks.js";
import { markGraphOnlyInternals } from "./graph-only-activations.js";
import { xavierUniform, zerosParameter } from "./init.js";
import { checkFeatures, Linear } from "./linear.js";
import { Module } from "./module.js";

export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights while training (default 0). */
  readonly dropout?: number;
  /** Biases in the in- and out-projections (default true). */
  readonly bias?: boolean;
  /** Inputs and output as [N, L, E] (default false: [L, N, E], as PyTorch). */
  readonly batchFirst?: boolean;
  readonly dtype?: DType;
  /** Draws the initial weights and the dropout masks (default: the global generator). */
  readonly generator?: Generator;
}

export interface MultiheadAttentionForwardOptions {
  /** [N, S] (unbatched: [S]); int32 1 = a padding key to ignore, or float added to the scores. */
  readonly keyPaddingMask?: Tensor | null;
  /** [L, S] or [N·numHeads, L, S]; int32 1 = the pair may not attend, or float added to the scores. */
  readonly attnMask?: Tensor | null;
  /** Also return the attention weights (default true, as PyTorch). */
  readonly needWeights?: boolean;
  /** Average the weights over heads ([N, L, S], default) or keep them per head ([N, H, L, S]). */
  readonly averageAttnWeights?: boolean;
  /** Query i attends to keys j ≤ i only (combined with any attnMask given). */
  readonly isCausal?: boolean;
}

type Inputs = [Tensor, Tensor, Tensor, MultiheadAttentionForwardOptions?];

/**
 * Attention over `numHeads` heads of embedDim / numHeads features. State-dict keys and
 * initialisation are PyTorch's: in_proj_weight [3E, E] (Xavier uniform), in_proj_bias (zeros),
 * out_proj.weight, out_proj.bias (zeros). forward returns [output, weights or null]. While gradients
 * are recorded, its projections and the heads' output belong to the graph (PyTorch's saved tensors):
 * backward() reuses their storage once it releases the graph (unless `retainGraph: true`).
 * @example const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true }); const [y, w] = mha.forward(x, x, x);
 */
export class MultiheadAttention extends Module<Inputs, [Tensor, Tensor | null]> {
  readonly inProjWeight: Tensor;
  readonly inProjBias: Tensor | null;
  readonly outProj: Linear;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  private readonly generator: Generator;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    options: MultiheadAttentionOptions = {},
  ) {
    super();
    checkFeatures("MultiheadAttention", embedDim, numHeads);
    if (embedDim % numHeads !== 0)
      throw new RangeError(
        `MultiheadAttention: embedDim ${embedDim} is not divisible by numHeads ${numHeads}`,
      );
    const { dropout = 0, bias = true, batchFirst = false, dtype = "float32" } = options;
    if (!(dropout >= 0 && dropout < 1))
      throw new RangeError(`MultiheadAttention: dropout must be in [0, 1), got ${dropout}`);
    this.generator = options.generator ?? defaultGenerator;
    const init = { dtype, generator: this.generator };
    this.headDim = embedDim / numHeads;
    this.dropout = dropout;
    this.batchFirst = batchFirst;
    this.inProjWeight = xavierUniform([3 * embedDim, embedDim], init);
    this.inProjBias = bias ? zerosParameter([3 * embedDim], { dtype }) : null;
    this.outProj = new Linear(embedDim, embedDim, { bias, ...init });
    this.outProj.bias?.data.fill(0);
    this.renameParameter("inProjWeight", "in_proj_weight");
    this.renameParameter("inProjBias", "in_proj_bias");
    this.renameChild("outProj", "out_proj");
  }

  /** Projection `part` (0: query, 1: key, 2: value) of x [N, T, E], split into heads [N, H, T, hd]. */
  private project(x: Tensor, part: number): Tensor {
    const E = this.embedDim;
    const rows = [part * E, (part + 1) * E] as const;
    const bias = this.inProjBias === null ? null : this.inProjBias.slice(0, ...rows);
    const projected = linear(x, this.inProjWeight.slice(0, ...rows), bias);
    const [N, T] = x.shape as [number, number];
    return projected.reshape([N, T, this.numHeads, this.headDim]).permute([0, 2, 1, 3]);
  }

  forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    options: MultiheadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const unbatched = query.rank === 2;
    this.checkInputs(query, key, value, unbatched);
    const batchFirst = (x: Tensor): Tensor =>
      unbatched ? x.unsqueeze(0) : this.batchFirst ? x : x.transpose(0, 1);
    const [q, k, v] = [query, key, value].map(batchFirst) as [Tensor, Tensor, Tensor];
    const [N, L] = q.shape as [number, number];
    const S = k.shape[1]!;
    const padding = options.keyPaddingMask ?? null;
    const mask = mergedAttentionMask(
      options.attnMask ?? null,
      unbatched && padding !== null && padding.rank === 1 ? padding.unsqueeze(0) : padding,
      options.isCausal ?? false,
      { batch: N, heads: this.numHeads, queries: L, keys: S },
      "MultiheadAttention",
    );
    const dropoutP = this.training ? this.dropout : 0;
    const causalOnly = mask === null && (options.isCausal ?? false);
    const needWeights = options.needWeights ?? true;
    if (query === key && key === value && mask === null && !needWeights)
      return [this.selfAttention(q, causalOnly, dropoutP, unbatched), null];
    const heads = [this.project(q, 0), this.project(k, 1), this.project(v, 2)] as const;
    const [attended, weights] = needWeights
      ? this.withWeights(heads, mask, causalOnly, dropoutP, options.averageAttnWeights ?? true)
      : [
          scaledDotProductAttention(...heads, {
            attnMask: mask,
            isCausal: causalOnly,
            dropoutP,
            generator: this.generator,
          }),
          null,
        ];
    // [N, H, L, hd] → [N, L, E]
    const merged = attended.permute([0, 2, 1, 3]).reshape([N, L, this.embedDim]);
    const output = this.outProj.forward(merged);
    // the projections and the heads' output never leave this forward: only the graph holds them
    if (this.outProj.constructor === Linear)
      markGraphOnlyInternals([...heads, attended, merged], [query, key, value, output, weights]);
    return [
      this.shaped(output, unbatched),
      weights !== null && unbatched ? weights.squeeze(0) : weights,
    ];
  }

  /**
   * Self-attention without weights (query, key and value one tensor; causal or no mask): one
   * in-projection product gives [N, T, 3E], whose heads the fused kernels read in place.
   */
  private selfAttention(x: Tensor, causal: boolean, dropoutP: number, unbatched: boolean): Tensor {
    const packed = linear(x, this.inProjWeight, this.inProjBias);
    const dropout = dropoutP === 0 ? null : { p: dropoutP, seed: this.seed() };
    const attended = packedSelfAttention(packed, { heads: this.numHeads, causal, dropout });
    const output = this.outProj.forward(attended);
    if (this.outProj.constructor === Linear)
      markGraphOnlyInternals([packed, attended], [x, output]);
    return this.shaped(output, unbatched);
  }

  /** The output [N, L, E] in the caller's layout. */
  private shaped(output: Tensor, unbatched: boolean): Tensor {
    return unbatched ? output.squeeze(0) : this.batchFirst ? output : output.transpose(0, 1);
  }

  /** The explicit path (PyTorch's with need_weights): weights P (after dropout) and P·V. */
  private withWeights(
    [q, k, v]: readonly [Tensor, Tensor, Tensor],
    mask: Tensor | null,
    causal: boolean,
    dropoutP: number,
    average: boolean,
  ): [Tensor, Tensor] {
    const int = mask !== null && mask.dtype === "int32";
    const p = attentionProbabilities(q, k, {
      batchShape: q.shape.slice(0, 2),
      additive: mask !== null && !int ? mask.astype(q.dtype) : null,
      allowed: int ? mask : null,
      causal,
      scale: 1 / Math.sqrt(this.headDim),
      dropout: null,
    });
    const weights =
      dropoutP === 0
        ? p
        : p.mul(dropoutMultipliers({ p: dropoutP, seed: this.seed() }, p.shape, p.dtype));
    return [weights.matmul(v), average ? weights.mean(1) : weights];
  }

  private seed(): [number, number] {
    return [this.generator.nextUint32(), this.generator.nextUint32()];
  }

  private checkInputs(query: Tensor, key: Tensor, value: Tensor, unbatched: boolean): void {
    const rank = unbatched ? 2 : 3;
    const keysAxis = unbatched || !this.batchFirst ? 0 : 1;
    const batchAxis = this.batchFirst ? 0 : 1;
    const inputs = [query, key, value];
    const fits =
      inputs.every((x) => x.rank === rank && x.shape[rank - 1] === this.embedDim) &&
      key.shape[keysAxis] === value.shape[keysAxis] &&
      (unbatched || inputs.every((x) => x.shape[batchAxis] === query.shape[batchAxis]));
    if (fits) return;
    const expected = unbatched
      ? "[L, E], [S, E], [S, E]"
      : this.batchFirst
        ? "[N, L, E], [N, S, E], [N, S, E]"
        : "[L, N, E], [S, N, E], [S, N, E]";
    throw new ShapeError(
      `MultiheadAttention: query, key and value must be ${expected} with E = embedDim = ${this.embedDim}, got ${inputs.map((x) => formatShape(x.shape)).join(", ")}`,
    );
  }
}
