// pad: PyTorch's F.pad (pads listed last axis first) with constant, reflect, replicate or circular
// fill, built from concat, slice and indexSelect so that it is differentiable to any order.
import { full, tensor } from "../../tensor/creation.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { concat } from "../concat.js";
import { indexSelect } from "../index-select.js";
import { slice } from "../slice.js";

export type PadMode = "constant" | "reflect" | "replicate" | "circular";

export interface PadOptions {
  /** Default "constant". */
  readonly mode?: PadMode;
  /** The fill of "constant" mode (default 0). */
  readonly value?: number;
}

/** The source position along an axis of `size` of each padded position, per mode. */
function sourcePositions(mode: PadMode, size: number, before: number, after: number): number[] {
  return Array.from({ length: before + size + after }, (_, k) => {
    const i = k - before;
    if (mode === "replicate") return Math.min(Math.max(i, 0), size - 1);
    if (mode === "circular") return ((i % size) + size) % size;
    const period = 2 * (size - 1);
    const folded = ((i % period) + period) % period;
    return folded < size ? folded : period - folded;
  });
}

/** Constant padding (negative pads crop) along one axis. */
function padConstant(x: Tensor, axis: number, before: number, after: number, value: number) {
  const cropped = slice(x, axis, Math.max(-before, 0), x.shape[axis]! - Math.max(-after, 0));
  const block = (extent: number): Tensor =>
    full(
      cropped.shape.map((e, a) => (a === axis ? extent : e)),
      value,
      { dtype: x.dtype },
    );
  const parts = [
    ...(before > 0 ? [block(before)] : []),
    cropped,
    ...(after > 0 ? [block(after)] : []),
  ];
  return parts.length === 1 ? cropped : concat(parts, axis);
}

/**
 * Pads the last pads.length / 2 axes: pads = [lastBefore, lastAfter, secondLastBefore, …] as in
 * PyTorch's F.pad. "reflect" mirrors without repeating the edge (pads below the axis size),
 * "replicate" repeats the edge, "circular" wraps around (pads at most the axis size); only
 * "constant" accepts negative pads, which crop.
 * @example pad(tensor([[1, 2, 3]]), [2, 1], { mode: "reflect" }).toArray(); // [[3, 2, 1, 2, 3, 2]]
 */
export function pad(input: Tensor, pads: readonly number[], options: PadOptions = {}): Tensor {
  const { mode = "constant", value = 0 } = options;
  if (pads.length % 2 !== 0 || pads.length / 2 > input.rank || !pads.every(Number.isInteger)) {
    throw new ShapeError(
      `pad: pads must be an even number of integers, at most 2 per axis of ${formatShape(input.shape)}, got [${pads.join(", ")}]`,
    );
  }
  let x = input;
  for (let k = 0; k < pads.length / 2; k++) {
    const axis = input.rank - 1 - k;
    const [before, after] = [pads[2 * k]!, pads[2 * k + 1]!];
    if (before === 0 && after === 0) continue;
    if (mode === "constant") {
      x = padConstant(x, axis, before, after, value);
      continue;
    }
    const size = x.shape[axis]!;
    const limit = mode === "reflect" ? size - 1 : mode === "circular" ? size : Infinity;
    if (before < 0 || after < 0 || before > limit || after > limit || size === 0) {
      throw new RangeError(
        `pad: ${mode} pads [${before}, ${after}] of axis ${axis} (size ${size}) must lie in [0, ${limit === Infinity ? "∞" : limit}]`,
      );
    }
    const index = tensor(sourcePositions(mode, size, before, after), { dtype: "int32" });
    x = indexSelect(x, axis, index);
  }
  return x;
}
