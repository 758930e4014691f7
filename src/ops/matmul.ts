// Matrix product: 1-D, 2-D and batched with broadcast batch axes (transposed operands stay views).
import { formatShape, ShapeError } from "../tensor/errors.js";
import { broadcastShapes, sizeOfShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
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

const matmulOp = defineOp<[Tensor, Tensor]>({
  name: "matmul",
  forward: ([a, b], _, backend) => {
    const batchShape = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
    const [m, k] = a.shape.slice(-2) as [number, number];
    const n = b.shape[b.rank - 1]!;
    const output = outputTensor([...batchShape, m, n], a.dtype);
    const left = batchedView(broadcastView(a, [...batchShape, m, k]), batchShape);
    const right = batchedView(broadcastView(b, [...batchShape, k, n]), batchShape);
    backend.matmul({ a: left, b: right, out: output.data });
    return output;
  },
  // ∂(AB)/∂A = G·Bᵀ, ∂(AB)/∂B = Aᵀ·G (batch broadcasting is summed by the engine); an input
  // without requiresGrad gets null (the engine drops its gradient anyway), saving a whole product.
  // A gradient is laid out like its input: for a transposed view (x·Wᵀ in Linear) it is computed as
  // (Bᵀ-side product)ᵀ, so the leaf under the view receives a contiguous gradient (no strided update).
  backward: (outputGrad, { inputs: [a, b] }) => [
    !a.requiresGrad
      ? null
      : isTransposedView(a)
        ? b.matmul(outputGrad.transpose()).transpose()
        : outputGrad.matmul(b.transpose()),
    !b.requiresGrad
      ? null
      : isTransposedView(b)
        ? outputGrad.transpose().matmul(a).transpose()
        : a.transpose().matmul(outputGrad),
  ],
});

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
  const lhs = left.rank === 1 ? left.reshape([1, left.size]) : left;
  const rhs = right.rank === 1 ? right.reshape([right.size, 1]) : right;
  const k = lhs.shape[lhs.rank - 1]!;
  if (rhs.shape[rhs.rank - 2] !== k) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)} @ ${formatShape(b.shape)} (${k} vs ${rhs.shape[rhs.rank - 2]})`,
    );
  }
  const product = matmulOp([lhs, rhs], undefined);
  const shape = [...product.shape];
  if (right.rank === 1) shape.splice(shape.length - 1, 1);
  if (left.rank === 1) shape.splice(shape.length - (right.rank === 1 ? 1 : 2), 1);
  return shape.length === product.rank ? product : product.reshape(shape);
}
