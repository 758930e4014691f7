// The optim namespace: one Optimizer interface, SGD/Adam/AdamW, schedules, clipping, the lecture's methods.
export type { Optimizer, OptimizerState, LearningRate } from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adam, AdamW, type AdamOptions } from "./adam.js";
export { SparseAdam } from "./sparse-adam.js";
export {
  stepDecay,
  exponentialDecay,
  cosineDecay,
  linearWarmup,
  type Schedule,
} from "./schedules.js";
export { clipGradNorm, gradNorm } from "./clip-grad-norm.js";
export {
  gd,
  sgd,
  miniBatchSgd,
  lectureMethod,
  lectureBatching,
  type LectureMethod,
  type LectureMethodName,
  type Batching,
  type GDOptions,
} from "./lecture-methods.js";
export * as convergence from "./convergence/index.js";
export {
  fit,
  type FitOptions,
  type FitHistory,
  type FitRunOptions,
  type FitResult,
  type EpochLogs,
  type BatchLogs,
  type Trainable,
  type CheckpointOptions,
  type EarlyStopping,
} from "./fit.js";
export type { TrainingState, TrainingHistory, PartialEpoch } from "./training-state.js";
export type { Batch } from "./training-batches.js";
export { accuracy, predictedClasses, type Metric } from "./metrics.js";
export {
  classificationReport,
  formatReport,
  type ClassificationReport,
} from "./classification-report.js";
export {
  terminalProgress,
  formatProgress,
  type Progress,
  type ProgressReporter,
} from "./progress-line.js";
