// Turning tensors into nested arrays and PyTorch-like text.
import type { Tensor } from "./tensor.js";

export type NestedArray = number | NestedArray[];

export function toNested(tensor: Tensor): NestedArray {
  const values = tensor.dataSync();
  const build = (axis: number, start: number): NestedArray => {
    if (axis === tensor.rank) return values[start]!;
    const extent = tensor.shape[axis]!;
    const step = tensor.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: extent }, (_, i) => build(axis + 1, start + i * step));
  };
  return build(0, 0);
}

function formatNumber(value: number, dtype: string): string {
  if (dtype === "int32" || !Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e8) return `${value}.`;
  const abs = Math.abs(value);
  return abs !== 0 && (abs >= 1e8 || abs < 1e-4) ? value.toExponential(4) : value.toFixed(4);
}

/** PyTorch-style text: tensor([[1., 2.], [3., 4.]], dtype=float64, requiresGrad=true). */
export function formatTensor(tensor: Tensor): string {
  const values = tensor.dataSync();
  const texts = Array.from(values, (value) => formatNumber(value, tensor.dtype));
  const width = texts.reduce((widest, text) => Math.max(widest, text.length), 0);
  const indent = "tensor(".length;
  const build = (axis: number, start: number): string => {
    if (axis === tensor.rank) return texts[start]!.padStart(width);
    const extent = tensor.shape[axis]!;
    const step = tensor.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const parts = Array.from({ length: extent }, (_, i) => build(axis + 1, start + i * step));
    const separator = axis === tensor.rank - 1 ? ", " : ",\n" + " ".repeat(indent + axis + 1);
    return `[${parts.join(separator)}]`;
  };
  const extras: string[] = [];
  if (tensor.dtype !== "float32") extras.push(`dtype=${tensor.dtype}`);
  if (tensor.op !== null) extras.push(`gradFn=${tensor.op.name}`);
  else if (tensor.requiresGrad) extras.push("requiresGrad=true");
  return `tensor(${build(0, 0)}${extras.map((extra) => `, ${extra}`).join("")})`;
}
