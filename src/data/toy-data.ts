// Seeded toy datasets for examples and the playground: Gaussian blobs and two interleaving moons.
import type { DType } from "../backend/dtype.js";
import { allocate } from "../backend/dtype.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";

export interface ToyData {
  /** Features, shape [nSamples, nFeatures]. */
  readonly X: Tensor;
  /** int32 class labels, shape [nSamples]. */
  readonly y: Tensor;
}

export interface BlobsOptions {
  readonly nSamples: number;
  /** The number of clusters (centres drawn uniformly in [−box, box]^d) or the centres themselves. */
  readonly centers?: number | readonly (readonly number[])[];
  readonly nFeatures?: number;
  readonly std?: number;
  readonly box?: number;
  readonly generator?: Generator;
  readonly dtype?: DType;
}

/**
 * Isotropic Gaussian clusters; sample i belongs to cluster i mod k.
 * @example const { X, y } = data.makeBlobs({ nSamples: 200, centers: 2, generator: new Generator(0) });
 */
export function makeBlobs(options: BlobsOptions): ToyData {
  const { nSamples, std = 1, box = 5, generator = defaultGenerator, dtype = "float32" } = options;
  const given = typeof options.centers === "object" ? options.centers : null;
  const nFeatures = given?.[0]?.length ?? options.nFeatures ?? 2;
  const k = given?.length ?? (options.centers as number | undefined) ?? 3;
  const centers =
    given ??
    Array.from({ length: k }, () =>
      Array.from({ length: nFeatures }, () => (2 * generator.uniform() - 1) * box),
    );
  const X = allocate(dtype, nSamples * nFeatures);
  const y = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const label = i % k;
    y[i] = label;
    for (let j = 0; j < nFeatures; j++) {
      X[i * nFeatures + j] = centers[label]![j]! + std * generator.normal();
    }
  }
  return { X: new Tensor(X, [nSamples, nFeatures]), y: new Tensor(y, [nSamples]) };
}

export interface MoonsOptions {
  readonly nSamples: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  readonly noise?: number;
  readonly generator?: Generator;
  readonly dtype?: DType;
}

/**
 * Two interleaving half circles (labels 0 and 1), a classic non-linearly-separable problem.
 * @example const { X, y } = data.makeMoons({ nSamples: 200, noise: 0.1, generator: new Generator(0) });
 */
export function makeMoons(options: MoonsOptions): ToyData {
  const { nSamples, noise = 0, generator = defaultGenerator, dtype = "float32" } = options;
  const upper = Math.ceil(nSamples / 2);
  const X = allocate(dtype, nSamples * 2);
  const y = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const inUpper = i < upper;
    const count = inUpper ? upper : nSamples - upper;
    const position = inUpper ? i : i - upper;
    const angle = count > 1 ? (Math.PI * position) / (count - 1) : 0;
    const x = inUpper ? Math.cos(angle) : 1 - Math.cos(angle);
    const z = inUpper ? Math.sin(angle) : 0.5 - Math.sin(angle);
    X[2 * i] = x + noise * generator.normal();
    X[2 * i + 1] = z + noise * generator.normal();
    y[i] = inUpper ? 0 : 1;
  }
  return { X: new Tensor(X, [nSamples, 2]), y: new Tensor(y, [nSamples]) };
}
