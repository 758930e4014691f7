// Matrix product: 1-D, 2-D and batched with broadcast batch axes (transposed operands stay views).
import { formatShape, ShapeError } from "../tensor/errors.js";
import { broadcastShapes, sizeOfShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { reduceToShape } from "../tensor/backward.js";
import { defineOp } from "./define-op.js";
import { broadcastView, outputTensor } from "./kernels.js";
import { toTensors } from "./operands.js";

/** A [batch, rows, cols] view of `x` (already expanded to batchShape + [rows, cols]), copying only if needed. */
function batchedView(x: Tensor, batchShape: readonly number[]): Tensor {
  const batchRank = batchShape.length;
  const rows = x.shape[batchRank]!;
  const cols = x.shape[batchRank + 1]!;
  const batch = sizeOfShape(batchShape);
  const axes = batchShape.map((_, axis) => axis).filter((axis) => batchShape[axis] !== 1);
  let stride = 0;
  let collapsible = true;
  for (let j = axes.length - 1; j >= 0; j--) {
    const axis = axes[j]!;
    const inner = axes[j + 1];
    if (inner === undefined) stride = x.strides[axis]!;
    else if (x.strides[axis] !== x.strides[inner]! * batchShape[inner]!) collapsible = false;
  }
  const rowStride = x.strides[batchRank]!;
  const colStride = x.strides[batchRank + 1]!;
  if (collapsible)
    return new Tensor(x.data, [batch, rows, cols], [stride, rowStride, colStride], x.offset);
  return x.detach().contiguous().reshape([batch, rows, cols]);
}

/** Which operands were 1-D: a as a row [1, k], b as a column [k, 1]; their axes leave the result. */
interface MatmulParams {
  readonly vectorLeft: boolean;
  readonly vectorRight: boolean;
}

/** A 1-D tensor seen as a row [1, k] or a column [k, 1]: a plain view, not a recorded op. */
function promoted(x: Tensor, as: "row" | "column"): Tensor {
  const stride = x.strides[0]!;
  return as === "row"
    ? new Tensor(x.data, [1, x.size], [x.size * stride, stride], x.offset)
    : new Tensor(x.data, [x.size, 1], [stride, 1], x.offset);
}

const matmulOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], MatmulParams>({
  name: "matmul",
  forward: ([a, b], { vectorLeft, vectorRight }, backend) => {
    const lhs = vectorLeft ? promoted(a, "row") : a;
    const rhs = vectorRight ? promoted(b, "column") : b;
    const batchShape = broadcastShapes("matmul", lhs.shape.slice(0, -2), rhs.shape.slice(0, -2));
    const [m, k] = lhs.shape.slice(-2) as [number, number];
    const n = rhs.shape[rhs.rank - 1]!;
    // a squeezed axis has extent 1, so the product's storage is the same with or without it
    const shape = [...batchShape, ...(vectorLeft ? [] : [m]), ...(vectorRight ? [] : [n])];
    const output = outputTensor(shape, a.dtype);
    const left = batchedView(broadcastView(lhs, [...batchShape, m, k]), batchShape);
    const right = batchedView(broadcastView(rhs, [...batchShape, k, n]), batchShape);
    backend.matmul({ a: left, b: right, out: output.data });
    return output;
  },
  backward: (outputGrad, { inputs: [a, b], params: { vectorLeft, vectorRight } }) => {
    const needed = [a.requiresGrad, b.requiresGrad] as const;
    if (!vectorLeft && !vectorRight) return matrixGradients(outputGrad, a, b, needed);
    if (a.rank <= 2 && b.rank <= 2) return vectorGradients(outputGrad, a, b);
    // a batched product with a 1-D operand: the matrix rule on the promoted shapes, then back
    const lhs = vectorLeft ? a.reshape([1, a.size]) : a;
    const rhs = vectorRight ? b.reshape([b.size, 1]) : b;
    const batchShape = broadcastShapes("matmul", lhs.shape.slice(0, -2), rhs.shape.slice(0, -2));
    const full = [...batchShape, lhs.shape[lhs.rank - 2]!, rhs.shape[rhs.rank - 1]!];
    const [gradLeft, gradRight] = matrixGradients(outputGrad.reshape(full), lhs, rhs, needed);
    const back = (gradient: Tensor | null, promotedInput: Tensor, input: Tensor) =>
      gradient === null
        ? null
        : reduceToShape("matmul", gradient, promotedInput).reshape(input.shape);
    return [back(gradLeft ?? null, lhs, a), back(gradRight ?? null, rhs, b)];
  },
});

// ∂(AB)/∂A = G·Bᵀ, ∂(AB)/∂B = Aᵀ·G (batch broadcasting is summed by the engine); an input
// without requiresGrad gets null (the engine drops its gradient anyway), saving a whole product.
// A gradient is laid out like its input: for a transposed view (x·Wᵀ in Linear) it is computed as
// (Bᵀ-side product)ᵀ, so the leaf under the view receives a contiguous gradient (no strided update).
function matrixGradients(
  outputGrad: Tensor,
  a: Tensor,
  b: Tensor,
  [needA, needB]: readonly [boolean, boolean],
): (Tensor | null)[] {
  return [
    !needA
      ? null
      : isTransposedView(a)
        ? b.matmul(outputGrad.transpose()).transpose()
        : outputGrad.matmul(b.transpose()),
    !needB
      ? null
      : isTransposedView(b)
        ? outputGrad.transpose().matmul(a).transpose()
        : a.transpose().matmul(outputGrad),
  ];
}

/**
 * Products with a 1-D operand and no batch axes, without promoting to matrices: a·b (dot, G a
 * scalar): ∂a = G·b, ∂b = G·a; A·b: ∂A = G ⊗ b, ∂b = Aᵀ·G; a·B: ∂a = B·G, ∂B = a ⊗ G.
 */
function vectorGradients(outputGrad: Tensor, a: Tensor, b: Tensor): (Tensor | null)[] {
  const outer = (column: Tensor, row: Tensor) => column.reshape([column.size, 1]).mul(row);
  if (a.rank === 1 && b.rank === 1)
    return [a.requiresGrad ? b.mul(outputGrad) : null, b.requiresGrad ? a.mul(outputGrad) : null];
  if (b.rank === 1)
    return [
      a.requiresGrad ? outer(outputGrad, b) : null,
      b.requiresGrad ? a.transpose().matmul(outputGrad) : null,
    ];
  return [
    a.requiresGrad ? b.matmul(outputGrad) : null,
    b.requiresGrad ? outer(a, outputGrad) : null,
  ];
}

/** Whether the last two axes of `x` are stored column-major (a transposed view of a matrix). */
function isTransposedView(x: Tensor): boolean {
  const rank = x.rank;
  return x.strides[rank - 2] === 1 && x.strides[rank - 1] !== 1 && x.shape[rank - 2]! > 1;
}

/**
 * Matrix product like numpy.matmul: 1-D operands are promoted to a row/column and squeezed back.
 * @example matmul(randn([2, 3]), randn([3, 4])).shape; // [2, 4]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0)
    throw new ShapeError(
      `matmul: operands must have rank ≥ 1, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  const [left, right] = toTensors(a, b);
  const k = left.shape[left.rank - 1]!;
  const rightK = right.rank === 1 ? right.size : right.shape[right.rank - 2]!;
  if (rightK !== k) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)} @ ${formatShape(b.shape)} (${k} vs ${rightK})`,
    );
  }
  return matmulOp([left, right], { vectorLeft: left.rank === 1, vectorRight: right.rank === 1 });
}
