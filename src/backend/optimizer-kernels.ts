// The optimizer-update kernels of the backend contract: one fused pass per parameter for Adam/AdamW
// and SGD (momentum, Nesterov, weight decay), writing the parameter and its state in place.
import type { FloatArray } from "./dtype.js";

/** Adam's hyperparameters for one parameter's update (t: that parameter's own step count). */
export interface AdamUpdate {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** AdamW: θ ← θ(1 − αλ) instead of g ← g + λθ. */
  readonly decoupled: boolean;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ. */
  readonly correction1: number;
  readonly correction2: number;
}

export interface SgdUpdate {
  readonly lr: number;
  /** μ; 0: no buffer (the plain update). */
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

/** SparseAdam's scalars for one step of one table (t: that table's own step count). */
export interface SparseAdamUpdate {
  /** α·√(1 − β₂ᵗ)/(1 − β₁ᵗ), as PyTorch computes it in double. */
  readonly stepSize: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

/**
 * Every array has one float dtype and one length; each is read and written in place, element by
 * element. Arithmetic follows PyTorch's CPU kernels in the parameter's precision: for float32, every
 * +, −, ×, ÷ and √ is rounded to float32 and so are the scalars (β₁, 1 − β₁, α/(1 − β₁ᵗ), …), with no
 * fused multiply-add, so every backend gives the same bits.
 */
export interface OptimizerKernels {
  /**
   * g ← g + λθ (Adam) or θ ← θ·(1 − αλ) (AdamW); m ← β₁m + (1 − β₁)g; v ← β₂v + ((1 − β₂)g)g;
   * θ ← θ − (α/c₁)·(m / (√v/√c₂ + ε)).
   */
  adamUpdate(
    param: FloatArray,
    grad: FloatArray,
    first: FloatArray,
    second: FloatArray,
    update: AdamUpdate,
  ): void;
  /**
   * g ← g + λθ; with momentum b ← μb + g and d = b (or g + μb, Nesterov), else d = g; θ ← θ − αd.
   * `buffer` is null when μ = 0.
   */
  sgdUpdate(
    param: FloatArray,
    grad: FloatArray,
    buffer: FloatArray | null,
    update: SgdUpdate,
  ): void;
  /**
   * PyTorch's SparseAdam on the rows of a coalesced row-sparse gradient (each row index once):
   * for row r = indices[k] (elements r·width …), with g from rows[k·width …]:
   * m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂); θ ← θ + (−s)·(m / (√v + ε)). Other rows are not
   * touched (lazy moments).
   */
  sparseAdamUpdate(
    param: FloatArray,
    rows: FloatArray,
    indices: Int32Array,
    width: number,
    first: FloatArray,
    second: FloatArray,
    update: SparseAdamUpdate,
  ): void;
}
