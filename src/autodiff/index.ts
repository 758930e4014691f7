// The reverse-mode engine's surface for the layers above it.
export type { Vertex, AdjointRule } from "./vertex.js";
export { topologicalOrder, CycleError } from "./topological-order.js";
export { backpropagate, sweepAdjoints, type BackpropagateOptions } from "./backpropagate.js";
export { isGradEnabled, withGradMode, noGrad, enableGrad } from "./grad-mode.js";
