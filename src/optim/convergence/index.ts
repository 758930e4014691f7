// The convergence namespace: the lecture's §6 as tools (curvature, safe steps, descent checks).
export {
  hessianVectorProduct,
  lossAndGradient,
  dot,
  type Objective,
} from "./hessian-vector-product.js";
export {
  lipschitzEstimate,
  safeStepSize,
  logisticLipschitzBound,
  type LipschitzEstimate,
  type LipschitzOptions,
} from "./lipschitz-estimate.js";
export {
  ConvergenceMonitor,
  type ConvergenceReport,
  type Violation,
} from "./convergence-monitor.js";
