// The lecture's three methods by name: one SGD update, differing only in how the DataLoader batches.
import type { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../tensor/random.js";
import type { Objective } from "./convergence/hessian-vector-product.js";
import { safeStepSize } from "./convergence/lipschitz-estimate.js";
import { SGD } from "./sgd.js";

/** DataLoader options (structurally): all samples in order, 1 random sample, or B shuffled samples. */
export interface Batching {
  readonly batchSize: number | "full";
  readonly shuffle: boolean;
  readonly replacement: boolean;
}

export type LectureMethodName = "gd" | "sgd" | "miniBatchSgd";

/** An optimizer and the batching that together make one of the lecture's methods. */
export interface LectureMethod {
  readonly name: LectureMethodName;
  readonly optimizer: SGD;
  /** Spread into `new data.DataLoader(dataset, { ...method.batching, generator })`. */
  readonly batching: Batching;
}

/** The batching of each method (§6–7): the full gradient, one random X_{i_k}, or a shuffled batch of B. */
export function lectureBatching(name: LectureMethodName, batchSize = 32): Batching {
  switch (name) {
    case "gd":
      return { batchSize: "full", shuffle: false, replacement: false };
    case "sgd":
      return { batchSize: 1, shuffle: false, replacement: true };
    case "miniBatchSgd":
      return { batchSize, shuffle: true, replacement: false };
  }
}

/**
 * θ_{k+1} = θ_k − α∇f_{batch}(θ_k) with the named batching.
 * @example const { optimizer, batching } = optim.lectureMethod("miniBatchSgd", model.parameters(), { lr: 0.1, batchSize: 64 });
 */
export function lectureMethod(
  name: LectureMethodName,
  parameters: readonly Tensor[],
  options: { lr: number; batchSize?: number },
): LectureMethod {
  return {
    name,
    optimizer: new SGD(parameters, { lr: options.lr }),
    batching: lectureBatching(name, options.batchSize),
  };
}

export interface GDOptions {
  /** A step size, or "auto" for α = safety/L with L estimated on `objective` (needs it). */
  readonly lr: number | "auto";
  /** The full-batch loss at the current parameters (for lr "auto"). */
  readonly objective?: Objective;
  /** α·L for "auto" (default 0.9). */
  readonly safety?: number;
  readonly generator?: Generator;
}

/**
 * Full-batch gradient descent (§6): every step uses the gradient of f over all of X; lr "auto" picks the
 * safe step 0.9/L from a power-iteration estimate of L.
 * @example const method = optim.gd(model.parameters(), { lr: "auto", objective: () => loss(model.forward(X), y) });
 */
export function gd(parameters: readonly Tensor[], options: GDOptions): LectureMethod {
  if (options.lr !== "auto") return lectureMethod("gd", parameters, { lr: options.lr });
  if (options.objective === undefined) {
    throw new Error('gd: lr "auto" needs the full-batch objective to estimate L (pass objective)');
  }
  const lr = safeStepSize(options.objective, parameters, {
    ...(options.safety === undefined ? {} : { safety: options.safety }),
    ...(options.generator === undefined ? {} : { generator: options.generator }),
  });
  return lectureMethod("gd", parameters, { lr });
}

/** Standard SGD (§7): each step uses one observation X_{i_k} drawn uniformly with replacement. */
export const sgd = (parameters: readonly Tensor[], options: { lr: number }): LectureMethod =>
  lectureMethod("sgd", parameters, options);

/** Mini-batch SGD (§7): each step uses a batch of B shuffled observations. */
export const miniBatchSgd = (
  parameters: readonly Tensor[],
  options: { lr: number; batchSize: number },
): LectureMethod => lectureMethod("miniBatchSgd", parameters, options);
