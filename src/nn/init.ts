// Seeded initialisers: Xavier/Glorot and He/Kaiming (uniform and normal), zeros; fan-in/out from the shape.
import type { DType } from "../backend/dtype.js";
import { full, rand, randn } from "../tensor/creation.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";

export interface InitOptions {
  readonly generator?: Generator;
  readonly dtype?: DType;
  /** Scale factor (default 1; √2 suits ReLU layers with Xavier). */
  readonly gain?: number;
}

/** Fan-in and fan-out of a weight of shape [out, in] (PyTorch's layout); a vector has fan-in = its length. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: 1 };
  const receptive = shape.slice(2).reduce((product, extent) => product * extent, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/** A parameter (requiresGrad) of uniform samples in [−bound, bound). */
export function uniformParameter(
  shape: readonly number[],
  bound: number,
  options: InitOptions = {},
): Tensor {
  const { generator, dtype = "float32" } = options;
  const samples = rand(shape, { dtype, ...(generator ? { generator } : {}) });
  const data = samples.data;
  for (let i = 0; i < data.length; i++) data[i] = (2 * data[i]! - 1) * bound;
  return samples.requiresGrad_();
}

function normalParameter(shape: readonly number[], std: number, options: InitOptions): Tensor {
  const { generator, dtype = "float32" } = options;
  const samples = randn(shape, { dtype, ...(generator ? { generator } : {}) });
  const data = samples.data;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * std;
  return samples.requiresGrad_();
}

/**
 * Glorot uniform: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)).
 * @example const w = nn.xavierUniform([4, 3], { generator: new Generator(0) });
 */
export function xavierUniform(shape: readonly number[], options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return uniformParameter(shape, (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut)), options);
}

/** Glorot normal: N(0, σ²) with σ = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal(shape: readonly number[], options: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return normalParameter(shape, (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), options);
}

/** He uniform for ReLU layers: U(−a, a) with a = gain·√(6 / fanIn) (PyTorch's ReLU gain √2 is built in). */
export function kaimingUniform(shape: readonly number[], options: InitOptions = {}): Tensor {
  return uniformParameter(shape, (options.gain ?? 1) * Math.sqrt(6 / fans(shape).fanIn), options);
}

/** He normal: N(0, σ²) with σ = gain·√(2 / fanIn). */
export function kaimingNormal(shape: readonly number[], options: InitOptions = {}): Tensor {
  return normalParameter(shape, (options.gain ?? 1) * Math.sqrt(2 / fans(shape).fanIn), options);
}

/**
 * A parameter of zeros (biases, and logistic regression's starting point).
 * @example const b = nn.zerosParameter([3], { dtype: "float64" });
 */
export function zerosParameter(shape: readonly number[], options: InitOptions = {}): Tensor {
  return full(shape, 0, { dtype: options.dtype ?? "float32", requiresGrad: true });
}
