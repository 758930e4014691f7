// Turning mixed operands (tensors and plain numbers) into tensors of one dtype.
import { allocate, promoteTypes, type DType } from "../backend/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { astype } from "./astype.js";

export type Operand = Tensor | number;

/** A 0-d constant tensor. */
export function scalarTensor(value: number, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = value;
  return new Tensor(data, []);
}

/** The dtype a plain number takes next to `other` (hoisted: hot paths create no closures). */
function dtypeOfNumber(value: number, other: Operand): DType {
  const base = typeof other === "number" ? "float32" : other.dtype;
  return base === "int32" && !Number.isInteger(value) ? "float32" : base;
}

/**
 * Both operands as tensors of the promoted dtype. Numbers take the tensor's dtype (as in PyTorch), except
 * that a fractional number turns an int32 tensor into float32.
 */
export function toTensors(a: Operand, b: Operand): [Tensor, Tensor] {
  const left = typeof a === "number" ? scalarTensor(a, dtypeOfNumber(a, b)) : a;
  const right = typeof b === "number" ? scalarTensor(b, dtypeOfNumber(b, a)) : b;
  const dtype = promoteTypes(left.dtype, right.dtype);
  return [astype(left, dtype), astype(right, dtype)];
}
