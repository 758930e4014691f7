// Skip-gram with negative sampling (word2vec): a centre word's input vector scored against its context
// word's output vector and k noise words'; both tables row-sparse, so a step moves only the rows it saw.
import type { data } from "../../node.js";
import { Generator, nn, rand, Tensor } from "../../node.js";

/** The model's sizes (DIR/config.json's "model"). */
export interface SkipGramConfig {
  readonly words: number;
  readonly dim: number;
}

/** centers [B] int32 and targets [B, 1 + k] int32: the context word, then the k noise words. */
export interface SkipGramInput {
  readonly centers: Tensor;
  readonly targets: Tensor;
}

/**
 * Scores [B, 1 + k] = u_target · v_centre. Initialised as word2vec.c: input vectors U(−0.5/d, 0.5/d),
 * output vectors zero. State-dict keys: in_embedding.weight, out_embedding.weight.
 * @example const model = new SkipGramModel({ words: 1000, dim: 50 }, new Generator(0)); model.forward(input).shape; // [B, 6]
 */
export class SkipGramModel extends nn.Module<[SkipGramInput]> {
  readonly inEmbedding: nn.Embedding;
  readonly outEmbedding: nn.Embedding;

  constructor(
    readonly config: SkipGramConfig,
    generator = new Generator(0),
  ) {
    super();
    const { words, dim } = config;
    this.inEmbedding = new nn.Embedding(words, dim, { generator, sparse: true });
    this.outEmbedding = new nn.Embedding(words, dim, { generator, sparse: true });
    const inputs = this.inEmbedding.weight.data;
    const uniform = rand([inputs.length], { generator }).data;
    for (let i = 0; i < inputs.length; i++) inputs[i] = (uniform[i]! - 0.5) / dim;
    this.outEmbedding.weight.data.fill(0);
    this.renameChild("inEmbedding", "in_embedding");
    this.renameChild("outEmbedding", "out_embedding");
  }

  forward(input: SkipGramInput): Tensor {
    const centres = this.inEmbedding.forward(input.centers).unsqueeze(-1); // [B, d, 1]
    return this.outEmbedding.forward(input.targets).matmul(centres).squeeze(-1);
  }

  /** The input vectors [words, dim]: the embeddings. */
  get vectors(): Tensor {
    return this.inEmbedding.weight;
  }
}

/**
 * word2vec's loss per pair, −log σ(s₀) − Σᵢ log σ(−sᵢ), averaged over the batch: binary cross-entropy
 * with the context word as the positive and the noise words as negatives, times 1 + k.
 * @example skipGramLoss(model.forward(input), labels).item(); // ≈ 6·ln 2 at the start with k = 5
 */
export function skipGramLoss(scores: Tensor, labels: Tensor): Tensor {
  return nn.binaryCrossEntropyWithLogits(scores, labels).mul(scores.shape[1]!);
}

/**
 * [SkipGramInput, labels] batches for optim.fit from a data.SkipGramLoader (its generator is the one
 * fit saves and restores, so a resumed pass draws the same pairs and noise words).
 */
export class SkipGramBatches implements Iterable<[SkipGramInput, Tensor]> {
  constructor(private readonly loader: data.SkipGramLoader) {}

  *[Symbol.iterator](): Iterator<[SkipGramInput, Tensor]> {
    for (const { centers, contexts, negatives } of this.loader) {
      const [size, k] = negatives.shape as [number, number];
      const width = k + 1;
      const targets = new Int32Array(size * width);
      const labels = new Float32Array(size * width);
      const context = contexts.dataSync();
      const noise = negatives.dataSync();
      for (let row = 0; row < size; row++) {
        targets[row * width] = context[row]!;
        targets.set(noise.subarray(row * k, row * k + k), row * width + 1);
        labels[row * width] = 1;
      }
      yield [
        { centers, targets: new Tensor(targets, [size, width]) },
        new Tensor(labels, [size, width]),
      ];
    }
  }
}
