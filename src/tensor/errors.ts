// Error types that name the operation and the values involved.

/** Shapes that do not fit an operation; the message names the op and the shapes. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

/** Element types that do not fit an operation (defined with the dtypes, which check themselves). */
export { DTypeError } from "../backend/dtype.js";

/** Formats a shape as PyTorch does: [2, 3]. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
