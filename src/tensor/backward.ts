// Imperative backprop for tensors: the one engine with tensor adjoints, accumulating into leaves' .grad.
import {
  backpropagate,
  topologicalOrder,
  withGradMode,
  type AdjointRule,
} from "../autodiff/index.js";
import { finishRecording, handBack, isGraphOnly, startRecording } from "../backend/storage-pool.js";
import { attributeToBackward, checkFinite, isAnomalyDetectionEnabled } from "./anomaly.js";
import { onesLike } from "./creation.js";
import { DTypeError, formatShape, ShapeError } from "./errors.js";
import { RowSparseGrad } from "./row-sparse-grad.js";
import { broadcastAxes, sameShape } from "./shape.js";
import type { OpRecord, Tensor } from "./tensor.js";

export interface BackwardOptions {
  /** Record the backward pass too, so the gradients can be differentiated again (default false). */
  readonly createGraph?: boolean;
  /**
   * Keep the graph after the pass (default: createGraph). Otherwise every op record reached is
   * dropped with the tensors it saved, so a kept loss holds no graph; a second pass through it throws.
   */
  readonly retainGraph?: boolean;
}

/** What a non-leaf keeps after backward() released its graph: the op's name, no saved tensors. */
class ReleasedRecord implements OpRecord {
  constructor(readonly name: string) {}
  backward(): never {
    throw new Error(
      `backward: the graph through ${this.name} was already used by backward(), which released its saved tensors; pass { retainGraph: true } to the first backward() to go through it again`,
    );
  }
}

/** Sums a gradient over the axes along which `target` was broadcast, giving it `target`'s shape. */
export function reduceToShape(op: string, gradient: Tensor, target: Tensor): Tensor {
  if (sameShape(gradient.shape, target.shape)) return gradient;
  if (!broadcastsTo(target.shape, gradient.shape)) {
    throw new ShapeError(
      `${op} backward: gradient of shape ${formatShape(gradient.shape)} does not fit input of shape ${formatShape(target.shape)}`,
    );
  }
  const axes = broadcastAxes(target.shape, gradient.shape);
  return gradient.sum(axes, false).reshape(target.shape);
}

/** Whether `from` broadcasts to `to` (extra leading axes of `from` must be 1), so summing inverts it. */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  const offset = to.length - from.length;
  return from.every((extent, axis) =>
    axis < -offset ? extent === 1 : extent === 1 || extent === to[axis + offset],
  );
}

/** An adjoint: a tensor, or a row-sparse gradient (only ever for a leaf: a sparse embedding table). */
export type Adjoint = Tensor | RowSparseGrad;

/** The adjoint as a tensor (a row-sparse one made dense). */
export const denseAdjoint = (adjoint: Adjoint): Tensor =>
  adjoint instanceof RowSparseGrad ? adjoint.toDense() : adjoint;

/** a + b: row-sparse gradients stay row-sparse together; with a dense one, the sum is dense. */
export function addAdjoints(a: Adjoint, b: Adjoint): Adjoint {
  if (a instanceof RowSparseGrad && b instanceof RowSparseGrad) return a.concat(b);
  return denseAdjoint(a).add(denseAdjoint(b));
}

/** The adjoint rule for tensors: the op's vector-Jacobian product, reduced to each input's shape. */
export const tensorAdjointRule: AdjointRule<Tensor, Adjoint> = {
  pullback(vertex, adjoint) {
    const op = vertex.op!;
    // NOTE: row-sparse adjoints are made only for leaves, which have no op to pull back through
    const outputGrad = denseAdjoint(adjoint);
    const gradients = isAnomalyDetectionEnabled()
      ? attributeToBackward(op.name, () => op.backward(outputGrad))
      : op.backward(outputGrad);
    return vertex.inputs.map((input, i) => {
      const gradient = gradients[i];
      if (gradient === null || gradient === undefined || !input.requiresGrad) return null;
      if (gradient instanceof RowSparseGrad) return gradient;
      const fitted = reduceToShape(op.name, gradient, input);
      if (isAnomalyDetectionEnabled()) checkFinite(fitted, `${op.name} backward`);
      return fitted.dtype === input.dtype ? fitted : fitted.astype(input.dtype);
    });
  },
  accumulate: (current, contribution) =>
    current === undefined ? contribution : addAdjoints(current, contribution),
};

/**
 * Adds a gradient into a leaf: a row-sparse one goes to `.sparseGrad` while `.grad` is empty;
 * otherwise everything is summed densely into `.grad`.
 */
function deliver(leaf: Tensor, gradient: Adjoint): void {
  if (gradient instanceof RowSparseGrad && leaf.grad === null) {
    leaf.sparseGrad = leaf.sparseGrad === null ? gradient : leaf.sparseGrad.concat(gradient);
    return;
  }
  let total: Adjoint = gradient;
  if (leaf.sparseGrad !== null) total = addAdjoints(leaf.sparseGrad, total);
  if (leaf.grad !== null) total = addAdjoints(leaf.grad, total);
  leaf.sparseGrad = null;
  leaf.grad = denseAdjoint(total);
}

/** The seed B(terminal): ones for a scalar, or the caller's gradient of the same shape. */
export function seedGradient(
  output: Tensor,
  gradient: Tensor | undefined,
  ones: (like: Tensor) => Tensor,
): Tensor {
  if (gradient === undefined) {
    if (output.size !== 1) {
      throw new ShapeError(
        `backward: output has shape ${formatShape(output.shape)}; pass a gradient of that shape (only a one-element output gets the implicit gradient 1)`,
      );
    }
    return ones(output);
  }
  if (!sameShape(gradient.shape, output.shape)) {
    throw new ShapeError(
      `backward: gradient shape ${formatShape(gradient.shape)} does not match output shape ${formatShape(output.shape)}`,
    );
  }
  if (gradient.dtype !== output.dtype) {
    throw new DTypeError(
      `backward: gradient has dtype ${gradient.dtype} but the output has dtype ${output.dtype}`,
    );
  }
  return gradient;
}

export function runBackward(
  output: Tensor,
  gradient: Tensor | undefined,
  options: BackwardOptions = {},
): void {
  if (!output.requiresGrad) {
    throw new Error(
      "backward: this tensor does not require gradients (no input had requiresGrad, or it was computed under noGrad)",
    );
  }
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  // the buffers this pass allocates die with it, except the leaves' gradients (storage-pool.ts)
  const recording = !createGraph && startRecording();
  let escaping: Set<ArrayBufferLike> | null = null;
  try {
    withGradMode(createGraph, () => {
      const seed = seedGradient(output, gradient, (like) => onesLike(like));
      const order = topologicalOrder(output);
      for (const vertex of order) if (vertex.op instanceof ReleasedRecord) vertex.op.backward();
      const adjoints = backpropagate(output, seed, tensorAdjointRule, { order });
      const grads = new Set<ArrayBufferLike>();
      for (const [vertex, adjoint] of adjoints) {
        if (!vertex.isLeaf || !vertex.requiresGrad) continue;
        deliver(
          vertex,
          createGraph || adjoint instanceof RowSparseGrad ? adjoint : adjoint.detach(),
        );
        if (vertex.grad !== null) grads.add(vertex.grad.data.buffer);
        if (vertex.sparseGrad !== null) {
          grads.add(vertex.sparseGrad.values.data.buffer);
          grads.add(vertex.sparseGrad.indices.buffer);
        }
      }
      // activations only the graph held die with it: hand them back (never a leaf's gradient)
      if (!retainGraph) handBack(releaseGraph(order), grads);
      escaping = grads;
    });
  } finally {
    if (recording) finishRecording(escaping);
  }
}

/**
 * Drops the op records and input lists of the non-leaves in `order`, and with them the saved tensors;
 * an op holding private buffers for its backward is told first (it may recycle them); returns the
 * storage among them that only the graph held (storage-pool.ts).
 */
function releaseGraph(order: readonly Tensor[]): Set<ArrayBufferLike> {
  const dead = new Set<ArrayBufferLike>();
  for (const vertex of order) {
    if (vertex.op === null || vertex.op instanceof ReleasedRecord) continue;
    vertex.op.release?.();
    vertex.op = new ReleasedRecord(vertex.op.name);
    vertex.inputs = [];
    if (isGraphOnly(vertex.data.buffer)) dead.add(vertex.data.buffer);
  }
  return dead;
}
