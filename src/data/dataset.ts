// The Dataset interface (length + batched access by index) and TensorDataset over aligned tensors.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";

/**
 * Observations addressed by position: a batch is fetched for a whole index list at once. A batch is
 * one tensor per field by default; a dataset may batch other inputs (e.g. sparse CSR rows) as `Batch`.
 */
export interface Dataset<Batch extends readonly unknown[] = Tensor[]> {
  /** The number of observations |X|. */
  readonly length: number;
  /** The observations at `indices` (each in [0, length)), one entry per field, stacked along axis 0. */
  getBatch(indices: Int32Array): Batch;
}

/**
 * Observations stored as tensors sharing their first axis (features, labels, …); batches use indexSelect.
 * @example const dataset = new data.TensorDataset(X, y); dataset.getBatch(Int32Array.of(0, 5)); // [X rows, y entries]
 */
export class TensorDataset implements Dataset {
  readonly tensors: readonly Tensor[];
  readonly length: number;

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new Error("TensorDataset: needs at least one tensor");
    const first = tensors[0]!;
    if (first.rank === 0) throw new ShapeError("TensorDataset: tensors need a first (sample) axis");
    this.length = first.shape[0]!;
    tensors.forEach((field, index) => {
      if (field.rank === 0 || field.shape[0] !== this.length) {
        throw new ShapeError(
          `TensorDataset: tensor ${index} has shape ${formatShape(field.shape)} but tensor 0 has ${this.length} samples (shape ${formatShape(first.shape)})`,
        );
      }
    });
    this.tensors = tensors.map((field) => field.detach());
  }

  getBatch(indices: Int32Array): Tensor[] {
    for (const index of indices) {
      if (!(index >= 0 && index < this.length)) {
        throw new RangeError(
          `TensorDataset: index ${index} is out of range for ${this.length} samples`,
        );
      }
    }
    if (isIdentity(indices, this.length)) return [...this.tensors];
    const index = new Tensor(indices, [indices.length]);
    return this.tensors.map((field) => field.indexSelect(0, index));
  }
}

/** True when `indices` is 0, 1, …, length − 1 (the whole dataset in order: no copy needed). */
function isIdentity(indices: Int32Array, length: number): boolean {
  if (indices.length !== length) return false;
  for (let i = 0; i < length; i++) if (indices[i] !== i) return false;
  return true;
}
