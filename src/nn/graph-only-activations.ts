// Which activations only the autodiff graph holds: those an nn.Sequential passes between two built-in
// layers (exact classes whose forward keeps no reference to its input or output), unless they share
// storage with the Sequential's input, its output or anything a user layer sees, and the tensors a
// built-in block (attention, transformer layers) makes inside its forward and never hands out. Their
// storage is reused once backward() releases the graph (backend/storage-pool.ts).
import { isGradEnabled } from "../autodiff/index.js";
import { markGraphOnly } from "../backend/storage-pool.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "./module.js";

/**
 * Whether `layer` is a built-in layer whose forward keeps no tensor: its own class declares
 * `static keepsNoTensors` (a subclass may keep one, so an inherited flag does not count). A flag on
 * the classes, not a list here, so that a bundle holds only the layers an app uses.
 */
export const keepsNothing = (layer: Module): boolean =>
  Object.hasOwn(layer.constructor, "keepsNoTensors");

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
