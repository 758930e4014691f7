// The lecture's worked example f(x, y) = (log x + x·y) − sin y as a graph with vertices u, v, s, w, f.
import {
  computationalGraph,
  leaf,
  vertex,
  vertexKinds as k,
  type ComputationalGraph,
  type GraphVertex,
} from "../../src/graph/index.js";

export interface LectureGraph {
  readonly graph: ComputationalGraph;
  readonly x: GraphVertex;
  readonly y: GraphVertex;
  readonly u: GraphVertex;
  readonly v: GraphVertex;
  readonly s: GraphVertex;
  readonly w: GraphVertex;
  readonly f: GraphVertex;
}

/** u = log x, v = x·y, s = u + v, w = sin y, f = s − w, with x = 2, y = 5 unless given. */
export function lectureGraph(x0 = 2, y0 = 5): LectureGraph {
  const x = leaf("x", x0);
  const y = leaf("y", y0);
  const u = vertex(k.log, [x], "u");
  const v = vertex(k.mul, [x, y], "v");
  const s = vertex(k.add, [u, v], "s");
  const w = vertex(k.sin, [y], "w");
  const f = vertex(k.sub, [s, w], "f");
  return { graph: computationalGraph([x, y, u, v, s, w, f]), x, y, u, v, s, w, f };
}

/** |actual − expected| ≤ tolerance·max(1, |expected|). */
export function close(actual: number | undefined, expected: number, tolerance = 1e-12): boolean {
  return (
    actual !== undefined &&
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected))
  );
}
