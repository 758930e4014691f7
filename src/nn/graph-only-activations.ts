// Which activations only the autodiff graph holds: those an nn.Sequential passes between two built-in
// layers (exact classes: their forward keeps no reference to its input or output), unless they share
// storage with the Sequential's input, its output or anything a user layer sees, and the tensors a
// built-in block (attention, transformer layers) makes inside its forward and never hands out. Their
// storage is reused once backward() releases the graph (backend/storage-pool.ts).
import { isGradEnabled } from "../autodiff/index.js";
import { markGraphOnly } from "../backend/storage-pool.js";
import type { Tensor } from "../tensor/tensor.js";
import { GELU, Identity, LeakyReLU, ReLU, Sigmoid, SiLU, Softplus, Tanh } from "./activations.js";
import { BatchNorm1d, BatchNorm2d } from "./batch-norm.js";
import { Conv1d, Conv2d, ConvTranspose2d } from "./conv.js";
import { Dropout } from "./dropout.js";
import { Flatten, Unflatten } from "./flatten.js";
import { GroupNorm } from "./group-norm.js";
import { LayerNorm } from "./layer-norm.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d } from "./pooling.js";

const KEEP_NOTHING: ReadonlySet<unknown> = new Set([
  Linear,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  ReLU,
  Tanh,
  Sigmoid,
  GELU,
  SiLU,
  LeakyReLU,
  Softplus,
  Identity,
  Dropout,
  Flatten,
  Unflatten,
  MaxPool1d,
  MaxPool2d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  GroupNorm,
]);

/** Whether `layer` is a built-in layer whose forward keeps no tensor (a subclass may, so: exact class). */
export const keepsNothing = (layer: Module): boolean => KEEP_NOTHING.has(layer.constructor);

/**
 * Marks graph-only the storage of the `internal` tensors a built-in block made inside its forward (and
 * hands to no user code), except storage they share with an `exposed` one (its inputs and outputs).
 */
export function markGraphOnlyInternals(
  internal: readonly Tensor[],
  exposed: readonly (Tensor | null)[],
): void {
  if (!isGradEnabled()) return;
  const shared = new Set<ArrayBufferLike>();
  for (const tensor of exposed) if (tensor !== null) shared.add(tensor.data.buffer);
  for (const tensor of internal)
    if (tensor.requiresGrad && !shared.has(tensor.data.buffer)) markGraphOnly(tensor.data.buffer);
}

/**
 * Marks graph-only the storage of `values[i]` (the input of layers[i], the output of layers[i − 1]) for
 * 0 < i < layers.length where both layers keep nothing; `values[0]` is the input, and the output follows.
 */
export function markGraphOnlyActivations(
  layers: readonly Module[],
  values: readonly Tensor[],
  output: Tensor,
): void {
  const exposed = new Set<ArrayBufferLike>([values[0]!.data.buffer, output.data.buffer]);
  layers.forEach((layer, i) => {
    if (!keepsNothing(layer)) {
      exposed.add(values[i]!.data.buffer);
      exposed.add((values[i + 1] ?? output).data.buffer);
    }
  });
  for (let i = 1; i < layers.length; i++) {
    const buffer = values[i]!.data.buffer;
    if (values[i]!.requiresGrad && !exposed.has(buffer)) markGraphOnly(buffer);
  }
}
