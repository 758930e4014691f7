// sparseLookup: rows of a table by index (an embedding lookup) whose first-order gradient for a leaf
// table is row-sparse: only the looked-up rows, never the whole table.
import { isGradEnabled } from "../../autodiff/index.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import { RowSparseGrad } from "../../tensor/row-sparse-grad.js";
import { Tensor } from "../../tensor/tensor.js";
import { defineOp } from "../define-op.js";
import { indexAdd } from "../index-select.js";
import { checkedIndices } from "../indices.js";
import { contiguousData, outputTensor, splitAtAxis } from "../kernels.js";

const sparseLookupOp = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: "sparseLookup",
  forward: ([table, index], _, backend) => {
    const { axisSize, inner } = splitAtAxis(table.shape, 0);
    const indices = checkedIndices("sparseLookup", index, 0, axisSize);
    const output = outputTensor([indices.length, ...table.shape.slice(1)], table.dtype);
    backend.take(contiguousData(table), indices, 1, axisSize, inner, output.data);
    return output;
  },
  // ∂y[j]/∂table[index[j]] = 1: the upstream rows at the looked-up indices, row-sparse for a leaf
  // table in a first-order backward, else scattered densely (recorded, for higher orders)
  backward: (outputGrad, { inputs: [table, index] }) => {
    if (isGradEnabled() || !table.isLeaf)
      return [indexAdd(outputGrad, 0, index, table.shape[0]!), null];
    const rows = new Tensor(contiguousData(outputGrad).slice(), outputGrad.shape);
    return [new RowSparseGrad(Int32Array.from(index.dataSync()), rows, table.shape), null];
  },
});

/**
 * table[index] for a 1-D int32 index: rows of `table` ([rows, ...]) as [index.length, ...], like
 * indexSelect on axis 0; a leaf table's gradient arrives row-sparse in `.sparseGrad` (see
 * RowSparseGrad). What `nn.Embedding(…, { sparse: true })` uses.
 * @example sparseLookup(table, tensor([3, 3, 7], { dtype: "int32" })) // rows 3, 3 and 7
 */
export function sparseLookup(table: Tensor, index: Tensor): Tensor {
  if (table.rank === 0 || index.rank !== 1) {
    throw new ShapeError(
      `sparseLookup: expected a table of rank ≥ 1 and a 1-D index, got ${formatShape(table.shape)} and ${formatShape(index.shape)}`,
    );
  }
  return sparseLookupOp([table, index], undefined);
}
