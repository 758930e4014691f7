// Elementwise rows of the registry: a primitive from its kernel, dtype policy and backward rule, with
// its one line of maths, gradient cases and PyTorch twin kept beside it.
import type { BinaryKernel, UnaryKernel } from "../backend/backend.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp, type OpContext } from "./define-op.js";
import { binaryKernel, unaryKernel } from "./kernels.js";
import type { CaseBuilder, DifferentiableRow, NonDifferentiableRow } from "./op-row.js";
import { toTensors, type Operand } from "./operands.js";

/** What an int32 input becomes: kept (exact on integers) or float32 (transcendental functions). */
export type IntPolicy = "keep int32" | "to float32";

type Gradients = readonly (Tensor | null)[];
export type UnaryRule<Params> = (g: Tensor, context: OpContext<[Tensor], Params>) => Gradients;
export type BinaryRule = (g: Tensor, context: OpContext<[Tensor, Tensor], undefined>) => Gradients;

/** A row's metadata: the rule in one line of maths, the cases and the PyTorch expression. */
interface RowInfo {
  readonly rule: string;
  readonly cases: readonly [CaseBuilder, ...CaseBuilder[]];
  readonly torch?: string;
}

interface UnarySpec<Params> extends RowInfo {
  readonly kernel: UnaryKernel;
  readonly ints: IntPolicy;
  readonly backward: UnaryRule<Params>;
}

function unaryPrimitive<Params>(
  kernel: UnaryKernel,
  ints: IntPolicy,
  backward: UnaryRule<Params> | "none",
  alphaOf: (params: Params) => number,
): (x: Tensor, params: Params) => Tensor {
  const op = defineOp<[Tensor], Params>({
    name: kernel,
    forward: ([x], params) => unaryKernel(kernel, x, x.dtype, alphaOf(params)),
    backward,
  });
  return (x, params) =>
    op([ints === "to float32" && x.dtype === "int32" ? x.astype("float32") : x], params);
}

/** An internal primitive of one tensor (no registry row: a public op is built on it). */
export function primitive(
  kernel: UnaryKernel,
  backward: UnaryRule<undefined> | "none",
): (x: Tensor) => Tensor {
  const op = unaryPrimitive(kernel, "to float32", backward, () => 0);
  return (x) => op(x, undefined);
}

/** A differentiable unary op of one tensor. */
export function unary(spec: UnarySpec<undefined>): DifferentiableRow<(x: Tensor) => Tensor> {
  const primitive = unaryPrimitive(spec.kernel, spec.ints, spec.backward, () => 0);
  return { ...info(spec), fn: (x) => primitive(x, undefined) };
}

/** A differentiable unary op with one number parameter (the kernel's alpha) and its default. */
export function unaryWithParameter(
  spec: UnarySpec<number> & { readonly defaultAlpha: number },
): DifferentiableRow<(x: Tensor, alpha?: number) => Tensor> {
  const primitive = unaryPrimitive(spec.kernel, spec.ints, spec.backward, (alpha) => alpha);
  return { ...info(spec), fn: (x, alpha = spec.defaultAlpha) => primitive(x, alpha) };
}

/** A unary op without a gradient (its result records no graph). */
export function unaryMask(
  kernel: UnaryKernel,
  torch?: string,
): NonDifferentiableRow<(x: Tensor) => Tensor> {
  const primitive = unaryPrimitive(kernel, "keep int32", "none", () => 0);
  const fn = (x: Tensor): Tensor => primitive(x, undefined);
  return torch === undefined ? { fn, differentiable: false } : { fn, differentiable: false, torch };
}

interface BinarySpec extends RowInfo {
  readonly kernel: BinaryKernel;
  /** "promote": the operands' promoted dtype (int32 stays int32); "to float32": int32 divides as floats. */
  readonly ints: "promote" | "to float32";
  readonly backward: BinaryRule;
}

/** A differentiable binary op with NumPy broadcasting (the engine sums gradients back to each shape). */
export function binary(spec: BinarySpec): DifferentiableRow<(a: Operand, b: Operand) => Tensor> {
  const { kernel, ints, backward } = spec;
  const op = defineOp<[Tensor, Tensor]>({
    name: kernel,
    forward: ([a, b]) => binaryKernel(kernel, kernel, a, b),
    backward,
  });
  const fn = (a: Operand, b: Operand): Tensor => {
    const [left, right] = toTensors(a, b);
    if (ints === "to float32" && left.dtype === "int32")
      return op([left.astype("float32"), right.astype("float32")], undefined);
    return op([left, right], undefined);
  };
  return { ...info(spec), fn };
}

/** A comparison: an int32 mask of 0 and 1, not differentiable. */
export function comparison(
  kernel: BinaryKernel,
  torch: string,
): NonDifferentiableRow<(a: Operand, b: Operand) => Tensor> {
  const op = defineOp<[Tensor, Tensor]>({
    name: kernel,
    forward: ([a, b]) => binaryKernel(kernel, kernel, a, b, "int32"),
    backward: "none",
  });
  return { fn: (a, b) => op(toTensors(a, b), undefined), differentiable: false, torch };
}

function info(spec: RowInfo): RowInfo {
  const { rule, cases, torch } = spec;
  return torch === undefined ? { rule, cases } : { rule, cases, torch };
}
