// The batches of one epoch for the training loop, from any iterable of [input, target] or, exactly
// resumable, from a DataLoader (its index lists are drawn once per epoch, so skipping costs nothing).
import type { Tensor } from "../tensor/tensor.js";

/** One batch: the model's input (a tensor, or e.g. sparse rows) and the target, maybe more fields. */
export type Batch<Input = Tensor> = readonly [Input, Tensor, ...unknown[]];

/** A generator whose state fixes an epoch's order (the one a DataLoader shuffles with). */
export interface RngState {
  getState(): number[];
  setState(state: readonly number[]): void;
}

/** What fit uses of a DataLoader to replay an epoch from its index lists. */
interface IndexedLoader<Input> {
  epochIndices(): Int32Array[];
  readonly dataset: { getBatch(indices: Int32Array): Batch<Input> };
}

const isIndexed = <Input>(loader: unknown): loader is IndexedLoader<Input> =>
  typeof (loader as Partial<IndexedLoader<Input>>).epochIndices === "function" &&
  typeof (loader as Partial<IndexedLoader<Input>>).dataset?.getBatch === "function";

/** The generator of a loader that has one (a DataLoader), for checkpoints. */
export function generatorOf(loader: unknown): RngState | undefined {
  const generator = (loader as { generator?: Partial<RngState> }).generator;
  return typeof generator?.getState === "function" && typeof generator.setState === "function"
    ? (generator as RngState)
    : undefined;
}

/** One batch in an epoch: its 0-based index, the batch count (as far as known) and whether it is the last. */
export interface EpochBatch<Input> {
  readonly index: number;
  readonly batch: Batch<Input>;
  readonly count: number;
  readonly last: boolean;
}

/** The batches of one epoch from position `skip` on (the earlier ones are drawn but not built). */
export function* batchesOf<Input>(
  loader: Iterable<Batch<Input>>,
  skip: number,
): Generator<EpochBatch<Input>> {
  if (isIndexed<Input>(loader)) {
    const lists = loader.epochIndices();
    for (let index = skip; index < lists.length; index++) {
      const batch = loader.dataset.getBatch(lists[index]!);
      yield { index, batch, count: lists.length, last: index + 1 === lists.length };
    }
    return;
  }
  const declared = (loader as { length?: unknown }).length;
  const iterator = loader[Symbol.iterator]();
  let next = iterator.next();
  for (let index = 0; !next.done; index++) {
    const batch = next.value;
    next = iterator.next();
    if (index < skip) continue;
    const count = typeof declared === "number" ? declared : index + 1 + (next.done ? 0 : 1);
    yield { index, batch, count: Math.max(count, index + 1), last: next.done === true };
  }
}
