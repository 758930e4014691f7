// The fused per-step kernels of recurrent layers (LSTM, GRU, Elman RNN): one call per time step
// updates every row's state from its input projection and the GEMM h·W_hhᵀ, or runs the step backward.
import type { StridedArray } from "./backend.js";
import type { FloatArray } from "./dtype.js";

/**
 * The rows and units of one step. A row whose length is ≤ `step` is past its end: its state is
 * carried unchanged (and its gradient passed through), as for a packed sequence.
 */
export interface StepRows {
  readonly rows: number;
  readonly hidden: number;
  /** Each row's sequence length, or null when every row runs every step. */
  readonly lengths: Int32Array | null;
  readonly step: number;
}

/**
 * LSTM step, gates in PyTorch's order i, f, g, o: c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g), h_t = σ(o)⊙tanh(c_t).
 * States are rows × H blocks: the previous one at hAt/cAt, the new one written right after it.
 */
export interface LstmStep extends StepRows {
  /** x_t·W_ihᵀ + biases: rows × 4H at xAt. */
  readonly x: FloatArray;
  readonly xAt: number;
  /** h_{t−1}·W_hhᵀ: rows × 4H from index 0. */
  readonly product: FloatArray;
  readonly h: FloatArray;
  readonly hAt: number;
  readonly c: FloatArray;
  readonly cAt: number;
  /** For the backward, or null: σ(i), σ(f), tanh(g), σ(o), tanh(c_t) per row (rows × 5H at savedAt). */
  readonly saved: FloatArray | null;
  readonly savedAt: number;
}

/**
 * The LSTM step backward. ∂h_t (plus `recurrent`, rows × H, when given) and ∂c_t are read at
 * dhAt + rows·H and dcAt + rows·H; ∂c_{t−1} (and ∂h_{t−1} of carried rows) are added at dhAt/dcAt;
 * the gates' pre-activation gradients are written (rows × 4H at dGatesAt).
 */
export interface LstmStepBackward extends StepRows {
  readonly saved: FloatArray;
  readonly savedAt: number;
  /** c_{t−1} at cAt. */
  readonly c: FloatArray;
  readonly cAt: number;
  readonly dh: FloatArray;
  readonly dhAt: number;
  readonly recurrent: FloatArray | null;
  readonly dc: FloatArray;
  readonly dcAt: number;
  readonly dGates: FloatArray;
  readonly dGatesAt: number;
}

/**
 * GRU step, gates r, z, n as PyTorch: r = σ(x_r + p_r + b_r), z = σ(x_z + p_z + b_z),
 * n = tanh(x_n + r⊙(p_n + b_n)), h_t = (1 − z)⊙n + z⊙h_{t−1}, with p = h_{t−1}·W_hhᵀ and b = b_hh.
 */
export interface GruStep extends StepRows {
  /** x_t·W_ihᵀ + b_ih: rows × 3H at xAt. */
  readonly x: FloatArray;
  readonly xAt: number;
  /** h_{t−1}·W_hhᵀ: rows × 3H from index 0. */
  readonly product: FloatArray;
  /** b_hh (3H), or null. */
  readonly bias: FloatArray | null;
  readonly h: FloatArray;
  readonly hAt: number;
  /** For the backward, or null: r, z, n and p_n + b_n per row (rows × 4H at savedAt). */
  readonly saved: FloatArray | null;
  readonly savedAt: number;
}

/**
 * The GRU step backward: writes the gradients of x_t·W_ihᵀ + b_ih (dx) and of h_{t−1}·W_hhᵀ + b_hh
 * (dProduct), rows × 3H each, and adds z⊙∂h_t (all of ∂h_t for carried rows) to ∂h_{t−1} at dhAt.
 */
export interface GruStepBackward extends StepRows {
  readonly saved: FloatArray;
  readonly savedAt: number;
  /** h_{t−1} at hAt. */
  readonly h: FloatArray;
  readonly hAt: number;
  readonly dh: FloatArray;
  readonly dhAt: number;
  readonly recurrent: FloatArray | null;
  readonly dx: FloatArray;
  readonly dxAt: number;
  readonly dProduct: FloatArray;
  readonly dProductAt: number;
}

/** The Elman RNN's nonlinearity, as PyTorch's `nonlinearity` option. */
export type RnnNonlinearity = "tanh" | "relu";

/** Elman RNN step: h_t = act(x_t + h_{t−1}·W_hhᵀ), x_t holding x·W_ihᵀ + b_ih + b_hh. */
export interface RnnStep extends StepRows {
  readonly nonlinearity: RnnNonlinearity;
  readonly x: FloatArray;
  readonly xAt: number;
  readonly product: FloatArray;
  readonly h: FloatArray;
  readonly hAt: number;
}

/** The RNN step backward from h_t (at hAt + rows·H): ∂pre = ∂h_t⊙act′, written at dPreAt. */
export interface RnnStepBackward extends StepRows {
  readonly nonlinearity: RnnNonlinearity;
  readonly h: FloatArray;
  readonly hAt: number;
  readonly dh: FloatArray;
  readonly dhAt: number;
  readonly recurrent: FloatArray | null;
  readonly dPre: FloatArray;
  readonly dPreAt: number;
}

/** A right operand [k, n] prepared once for many products a·b (a recurrence's W_hhᵀ at every step). */
export interface PreparedRight {
  readonly k: number;
  readonly n: number;
  /** The operand as given: a 2-D strided view. */
  readonly view: StridedArray;
  /** Its GEMM panels packed once (native), or null where the products read `view`. */
  readonly packed: FloatArray | null;
}

/** The recurrent kernels of the Backend contract. */
export interface RecurrentKernels {
  /** Prepares b [k, n] (2-D, float) for matmulPrepared. */
  prepareRight(b: StridedArray): PreparedRight;
  /** out [m, n] = a [m, k] (2-D strided) · b, b of a's dtype; out is overwritten. */
  matmulPrepared(a: StridedArray, b: PreparedRight, out: FloatArray): void;
  lstmStep(step: LstmStep): void;
  lstmStepBackward(step: LstmStepBackward): void;
  gruStep(step: GruStep): void;
  gruStepBackward(step: GruStepBackward): void;
  rnnStep(step: RnnStep): void;
  rnnStepBackward(step: RnnStepBackward): void;
}
