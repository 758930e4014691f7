// Elementwise functions of two operands with NumPy broadcasting: the registry's rows (kernel, dtype
// policy, backward in tensor ops, maths, cases, PyTorch twin) and the comparisons, then the functions.
import type { DType } from "../backend/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import type { OpFamily } from "./op-row.js";
import {
  binaryCase,
  gridCase,
  positive,
  unaryCase,
  untiedPairCase,
} from "./cases/elementwise-cases.js";
import { binary, comparison } from "./elementwise-op.js";
import type { Operand } from "./operands.js";
import { log } from "./unary.js";
import { where } from "./where.js";

type BinaryFn = (a: Operand, b: Operand) => Tensor;

/** The share of g that goes to one side of maximum/minimum: 1 − [it loses] − ½[tie] (NaN: 1, as PyTorch). */
const keptShare = (loses: Tensor, ties: Tensor, dtype: DType): Tensor =>
  loses.astype(dtype).add(ties.astype(dtype).mul(0.5)).neg().add(1);

/** ∂aᵇ/∂a = b·aᵇ⁻¹, taken as 0 where b = 0 (so 0⁰ has slope 0, not 0·∞, as PyTorch). */
function powBaseGradient(g: Tensor, a: Tensor, b: Tensor): Tensor {
  const slope = g.mul(b).mul(pow(a, sub(b, 1)));
  if (b.size === 1 && !b.requiresGrad) return b.item() === 0 ? g.mul(0) : slope;
  return where(eq(b, 0), 0, slope);
}

export const binaryOps = {
  add: binary({
    kernel: "add",
    ints: "promote",
    rule: "∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1",
    backward: (g) => [g, g],
    cases: [binaryCase((a, b) => add(a, b)), unaryCase((x) => add(x, 1.5))],
    torch: "torch.add(a, b)",
  }),
  sub: binary({
    kernel: "sub",
    ints: "promote",
    rule: "∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1",
    backward: (g, { inputs: [, b] }) => [g, b.requiresGrad ? g.neg() : null],
    cases: [binaryCase((a, b) => sub(a, b)), unaryCase((x) => sub(1.5, x))],
    torch: "torch.sub(a, b)",
  }),
  mul: binary({
    kernel: "mul",
    ints: "promote",
    rule: "∂(ab)/∂a = b, ∂(ab)/∂b = a",
    backward: (g, { inputs: [a, b] }) => [
      a.requiresGrad ? g.mul(b) : null,
      b.requiresGrad ? g.mul(a) : null,
    ],
    cases: [binaryCase((a, b) => mul(a, b)), unaryCase((x) => mul(x, -2.5))],
    torch: "torch.mul(a, b)",
  }),
  div: binary({
    kernel: "div",
    ints: "to float32",
    // NOTE: (a/b)/b, never a/b²: b² underflows or overflows where the quotient is finite
    rule: "∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −(a/b)/b",
    backward: (g, { inputs: [a, b], output }) => [
      a.requiresGrad ? g.div(b) : null,
      b.requiresGrad ? g.mul(output).div(b).neg() : null,
    ],
    cases: [
      binaryCase((a, b) => div(a, b), {}, { ...positive(), signed: true }),
      unaryCase((x) => div(2, x), positive()),
    ],
    torch: "torch.div(a, b)",
  }),
  pow: binary({
    kernel: "pow",
    ints: "promote",
    rule: "∂aᵇ/∂a = b·aᵇ⁻¹ (0 where b = 0), ∂aᵇ/∂b = aᵇ·log a (0 where a = 0 and b ≥ 0)",
    backward: (g, { inputs: [a, b], output }) => [
      a.requiresGrad ? powBaseGradient(g, a, b) : null,
      b.requiresGrad ? where(eq(a, 0).mul(ge(b, 0)), 0, g.mul(output).mul(log(a))) : null,
    ],
    cases: [
      binaryCase((a, b) => pow(a, b), positive(), {}),
      unaryCase((x) => pow(x, 3)),
      unaryCase((x) => pow(x, -1.5), positive()),
      unaryCase((x) => pow(2, x)),
    ],
    torch: "torch.pow(a, b)",
  }),
  maximum: binary({
    kernel: "maximum",
    ints: "promote",
    rule: "∂max(a, b)/∂a = [a > b] + ½[a = b] (both get g where either is NaN, as PyTorch)",
    backward: (g, { inputs: [a, b] }) => [
      a.requiresGrad ? g.mul(keptShare(lt(a, b), eq(a, b), g.dtype)) : null,
      b.requiresGrad ? g.mul(keptShare(gt(a, b), eq(a, b), g.dtype)) : null,
    ],
    cases: [untiedPairCase((a, b) => maximum(a, b)), gridCase((x) => maximum(x, 0.4))],
    torch: "torch.maximum(a, b)",
  }),
  minimum: binary({
    kernel: "minimum",
    ints: "promote",
    rule: "∂min(a, b)/∂a = [a < b] + ½[a = b] (both get g where either is NaN, as PyTorch)",
    backward: (g, { inputs: [a, b] }) => [
      a.requiresGrad ? g.mul(keptShare(gt(a, b), eq(a, b), g.dtype)) : null,
      b.requiresGrad ? g.mul(keptShare(lt(a, b), eq(a, b), g.dtype)) : null,
    ],
    cases: [untiedPairCase((a, b) => minimum(a, b)), gridCase((x) => minimum(x, -0.4))],
    torch: "torch.minimum(a, b)",
  }),
  eq: comparison("eq", "torch.eq(a, b)"),
  ne: comparison("ne", "torch.ne(a, b)"),
  lt: comparison("lt", "torch.lt(a, b)"),
  le: comparison("le", "torch.le(a, b)"),
  gt: comparison("gt", "torch.gt(a, b)"),
  ge: comparison("ge", "torch.ge(a, b)"),
} satisfies OpFamily;

/** a + b, broadcasting. @example add(x, 1) */
export const add: BinaryFn = binaryOps.add.fn;
/** a − b, broadcasting. @example sub(1, x) */
export const sub: BinaryFn = binaryOps.sub.fn;
/** a · b elementwise, broadcasting. @example mul(x, y) */
export const mul: BinaryFn = binaryOps.mul.fn;
/** a / b elementwise, broadcasting (int32 operands divide as floats). @example div(x, 2) */
export const div: BinaryFn = binaryOps.div.fn;
/** aᵇ elementwise, broadcasting; IEEE 754 pow (1ʸ = 1 even for NaN y). @example pow(x, 2) */
export const pow: BinaryFn = binaryOps.pow.fn;
/** The larger of a and b elementwise, broadcasting; NaN wins. @example maximum(x, 0) // relu */
export const maximum: BinaryFn = binaryOps.maximum.fn;
/** The smaller of a and b elementwise, broadcasting; NaN wins. @example minimum(x, 1) */
export const minimum: BinaryFn = binaryOps.minimum.fn;
/** 1 where a = b, else 0 (int32). @example eq(tensor([1, 2]), 2).toArray(); // [0, 1] */
export const eq: BinaryFn = binaryOps.eq.fn;
/** 1 where a ≠ b, else 0 (int32). @example ne(tensor([1, 2]), 2).toArray(); // [1, 0] */
export const ne: BinaryFn = binaryOps.ne.fn;
/** 1 where a < b, else 0 (int32). @example lt(tensor([1, 2]), 2).toArray(); // [1, 0] */
export const lt: BinaryFn = binaryOps.lt.fn;
/** 1 where a ≤ b, else 0 (int32). @example le(tensor([1, 3]), 2).toArray(); // [1, 0] */
export const le: BinaryFn = binaryOps.le.fn;
/** 1 where a > b, else 0 (int32). @example gt(tensor([1, 3]), 2).toArray(); // [0, 1] */
export const gt: BinaryFn = binaryOps.gt.fn;
/** 1 where a ≥ b, else 0 (int32). @example ge(tensor([1, 2]), 2).toArray(); // [0, 1] */
export const ge: BinaryFn = binaryOps.ge.fn;
