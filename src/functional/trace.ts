// Shared machinery of the functional transforms: new vertices for the inputs, one reverse sweep to
// them, and results cut loose from graphs that only the transform itself can see.
import { backpropagate, isGradEnabled, topologicalOrder, withGradMode } from "../autodiff/index.js";
import { defineOp } from "../ops/define-op.js";
import { denseAdjoint, tensorAdjointRule, type Adjoint } from "../tensor/backward.js";
import { zerosLike } from "../tensor/creation.js";
import { DTypeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";

/** A view of the same storage as a new vertex (never the input object itself). */
export const viewOf = (x: Tensor): Tensor => new Tensor(x.data, x.shape, x.strides, x.offset);

const identityOp = /* @__PURE__ */ defineOp<[Tensor]>({
  name: "identity",
  forward: ([x]) => viewOf(x),
  // d/dx x = 1
  backward: (outputGrad) => [outputGrad],
});

/** The vertices one transform differentiates with respect to, and the leaves it made for them. */
export interface Trace {
  readonly vertices: readonly Tensor[];
  /** Private leaves (inputs nobody traced); a result depending only on them is detached. */
  readonly fresh: ReadonlySet<Tensor>;
  readonly boundary: ReadonlySet<Tensor>;
  /** The caller's grad mode: under noGrad, results are never attached to an outer graph. */
  readonly recording: boolean;
}

/**
 * Wraps each input as a new vertex: a fresh leaf sharing the data when nobody traces it, or an
 * identity op on it when an outer transform (or the user's graph) does, so that inner and outer
 * derivatives stay apart (no perturbation confusion) and the inner gradient stays differentiable.
 */
export function beginTrace(transform: string, inputs: readonly unknown[]): Trace {
  const recording = isGradEnabled();
  const fresh = new Set<Tensor>();
  const vertices = inputs.map((input, position) => {
    if (!(input instanceof Tensor)) {
      throw new TypeError(
        `${transform}: argument ${position} must be a Tensor, got ${typeof input}`,
      );
    }
    if (input.dtype === "int32") {
      throw new DTypeError(
        `${transform}: argument ${position} has dtype int32; only float32 and float64 tensors can be differentiated`,
      );
    }
    if (input.requiresGrad) return withGradMode(true, () => identityOp([input], undefined));
    const leaf = viewOf(input);
    leaf.requiresGrad = true;
    fresh.add(leaf);
    return leaf;
  });
  return { vertices, fresh, boundary: new Set(vertices), recording };
}

/** Runs `fn` with recording on: the transform's own graph must be built even inside noGrad. */
export const traced = <T>(fn: () => T): T => withGradMode(true, fn);

/** True when `value` depends on a tensor requiring gradients that the trace did not make. */
export function dependsOnOutside(value: Tensor, fresh: ReadonlySet<Tensor>): boolean {
  if (!value.requiresGrad) return false;
  if (fresh.has(value)) return false;
  return topologicalOrder(value, fresh).some(
    (vertex) => vertex.isLeaf && vertex.requiresGrad && !fresh.has(vertex),
  );
}

/** `value` itself when something outside the trace flows into it, else a detached view. */
export function release(trace: Trace, value: Tensor): Tensor {
  if (!value.requiresGrad) return value;
  return trace.recording && dependsOnOutside(value, trace.fresh) ? value : value.detach();
}

/** How a sweep runs: `record` forces recording on or off; `order` reuses a topological order. */
export interface SweepOptions {
  readonly record?: boolean;
  readonly order?: readonly Tensor[];
}

/**
 * The adjoints of the trace's vertices for B(output) = `seed`. The sweep is recorded (so it can be
 * differentiated again) only when an outer variable or the seed itself is being traced.
 */
export function sweep(
  trace: Trace,
  output: Tensor,
  seed: Tensor,
  options: SweepOptions = {},
): Tensor[] {
  const recording =
    options.record ??
    (trace.recording && (seed.requiresGrad || dependsOnOutside(output, trace.fresh)));
  return withGradMode(recording, () => {
    const adjoints = output.requiresGrad
      ? backpropagate(output, seed, tensorAdjointRule, {
          boundary: trace.boundary,
          ...(options.order ? { order: options.order } : {}),
        })
      : new Map<Tensor, Adjoint>();
    return trace.vertices.map((vertex) => {
      const adjoint = adjoints.get(vertex);
      return adjoint === undefined ? zerosLike(vertex) : denseAdjoint(adjoint);
    });
  });
}
