// The lecture's computational graph and the micrograd-style Value: what graph/ offers the layers above.
export { defineVertexKind, type VertexKind, type VertexKindDefinition } from "./vertex-kind.js";
export { vertexKinds, type VertexKindName, type UnaryKind, type BinaryKind } from "./kinds.js";
export { GraphVertex, leaf, constant, vertex } from "./graph-vertex.js";
export { computationalGraph, GraphError, type ComputationalGraph } from "./computational-graph.js";
export {
  forward,
  backward,
  graphAdjointRule,
  type Values,
  type Adjoints,
  type LeafValues,
  type ForwardObserver,
  type BackwardObserver,
} from "./sweeps.js";
export { traceSweeps, type SweepTrace, type ForwardStep, type BackwardStep } from "./trace.js";
export { formatTrace, formatValue } from "./format-trace.js";
export { toDot } from "./to-dot.js";
export { graphFromExpr, type GraphFromExprOptions } from "./graph-from-expr.js";
export { calcText, derivText } from "./vertex-text.js";
export { Value } from "./value.js";
