// Position information for transformers: learned embeddings (one trained row per position) and the
// fixed sinusoidal table of "Attention Is All You Need"; both add to x and refuse too long inputs.
import type { DType } from "../backend/dtype.js";
import { allocate } from "../backend/dtype.js";
import { randn } from "../tensor/creation.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import type { Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface PositionalOptions {
  /** Positions along axis −2 of [..., T, dModel] (default true); false: axis 0 of [T, N, dModel]. */
  readonly batchFirst?: boolean;
  readonly dtype?: DType;
}

/** The sequence length of x and the rows of `table` to add, shaped to broadcast against x. */
function positionsFor(x: Tensor, table: Tensor, batchFirst: boolean, module: string): Tensor {
  const [maxLength, dModel] = table.shape as [number, number];
  const axis = batchFirst ? x.rank - 2 : 0;
  const length = x.shape[axis];
  if (x.rank < 2 || x.shape[x.rank - 1] !== dModel || length === undefined)
    throw new ShapeError(
      `${module}: expected input [..., T, ${dModel}]${batchFirst ? "" : " or [T, N, " + dModel + "]"}, got ${formatShape(x.shape)}`,
    );
  if (length > maxLength)
    throw new RangeError(
      `${module}: sequence length ${length} exceeds the table's ${maxLength} positions`,
    );
  const rows = table.slice(0, 0, length);
  return batchFirst || x.rank === 2
    ? rows
    : rows.reshape([length, ...new Array<number>(x.rank - 2).fill(1), dModel]);
}

/**
 * x + weight[t] for each position t: an nn.Embedding over positions (weight [maxLength, dModel],
 * N(0, 1) like nn.Embedding, or N(0, std²)); state-dict key "weight".
 * @example const positions = new nn.LearnedPositionalEmbedding(128, 64); positions.forward(x); // x: [N, T ≤ 128, 64]
 */
export class LearnedPositionalEmbedding extends Module {
  readonly weight: Tensor;
  private readonly batchFirst: boolean;

  constructor(
    readonly maxLength: number,
    readonly dModel: number,
    options: PositionalOptions & { readonly std?: number; readonly generator?: Generator } = {},
  ) {
    super();
    checkFeatures("LearnedPositionalEmbedding", maxLength, dModel);
    const { dtype = "float32", std = 1, generator } = options;
    const weight = randn([maxLength, dModel], { dtype, ...(generator ? { generator } : {}) });
    for (let i = 0; i < weight.data.length; i++) weight.data[i] = weight.data[i]! * std;
    this.weight = weight.requiresGrad_();
    this.batchFirst = options.batchFirst ?? true;
  }

  forward(x: Tensor): Tensor {
    return x.add(positionsFor(x, this.weight, this.batchFirst, "LearnedPositionalEmbedding"));
  }
}

/**
 * x + PE[t] with PE[t, 2i] = sin(t / 10000^(2i/dModel)), PE[t, 2i + 1] = cos(…): fixed (no
 * parameters), kept as the buffer "pe" [maxLength, dModel].
 * @example const positions = new nn.SinusoidalPositionalEncoding(64, 512); positions.forward(x); // x: [N, T ≤ 512, 64]
 */
export class SinusoidalPositionalEncoding extends Module {
  readonly pe: Tensor;
  private readonly batchFirst: boolean;

  constructor(
    readonly dModel: number,
    readonly maxLength = 5000,
    options: PositionalOptions = {},
  ) {
    super();
    checkFeatures("SinusoidalPositionalEncoding", dModel, maxLength);
    const data = allocate(options.dtype ?? "float32", maxLength * dModel);
    for (let t = 0; t < maxLength; t++)
      for (let i = 0; i < dModel; i += 2) {
        const angle = t * Math.exp((-i * Math.log(10000)) / dModel);
        data[t * dModel + i] = Math.sin(angle);
        if (i + 1 < dModel) data[t * dModel + i + 1] = Math.cos(angle);
      }
    this.pe = new Tensor(data, [maxLength, dModel]);
    this.batchFirst = options.batchFirst ?? true;
    this.registerBuffer("pe");
  }

  forward(x: Tensor): Tensor {
    return x.add(positionsFor(x, this.pe, this.batchFirst, "SinusoidalPositionalEncoding"));
  }
}
