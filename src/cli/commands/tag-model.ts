// The part-of-speech tagger: word, suffix and shape embeddings side by side, a bidirectional LSTM over
// the sentence, and a linear layer from each word's two hidden states to the scores of the tags.
import { concat, Generator, nn, type Tensor } from "../../node.js";

/** The tagger's sizes and tags (DIR/config.json's "model"); everything needed to rebuild it. */
export interface TaggerConfig {
  readonly words: number;
  readonly suffixes: number;
  readonly shapes: number;
  readonly wordDim: number;
  readonly suffixDim: number;
  readonly shapeDim: number;
  readonly hidden: number;
  readonly tags: readonly string[];
}

/** A padded batch of sentences: ids [B, T] int32 each, lengths, and where the real words are in B·T. */
export interface TagBatch {
  readonly words: Tensor;
  readonly suffixes: Tensor;
  readonly shapes: Tensor;
  readonly lengths: Int32Array;
  /** Flat positions b·T + t of the words (t < lengths[b]), in sentence order: the rows scored. */
  readonly positions: Tensor;
}

/**
 * Scores [words in the batch, tags] for a TagBatch: per word the concatenation [word; suffix; shape]
 * of its embeddings enters a one-layer bidirectional LSTM (cut at each sentence's length), and the
 * 2·hidden outputs at the real words go through one linear layer. The state-dict keys are PyTorch's
 * for modules named word_embedding, suffix_embedding, shape_embedding, lstm and classifier.
 * @example const tagger = new PosTagger(config, new Generator(0)); tagger.forward(batch).shape; // [words, tags]
 */
export class PosTagger extends nn.Module<[TagBatch]> {
  readonly wordEmbedding: nn.Embedding;
  readonly suffixEmbedding: nn.Embedding;
  readonly shapeEmbedding: nn.Embedding;
  readonly lstm: nn.LSTM;
  readonly classifier: nn.Linear;

  constructor(
    readonly config: TaggerConfig,
    generator = new Generator(0),
  ) {
    super();
    const { wordDim, suffixDim, shapeDim, hidden } = config;
    // sparse: the few rows a batch looks up are all the update touches (optim.SparseAdam)
    this.wordEmbedding = new nn.Embedding(config.words, wordDim, { generator, sparse: true });
    this.suffixEmbedding = new nn.Embedding(config.suffixes, suffixDim, {
      generator,
      sparse: true,
    });
    this.shapeEmbedding = new nn.Embedding(config.shapes, shapeDim, { generator });
    const inputSize = wordDim + suffixDim + shapeDim;
    this.lstm = new nn.LSTM(inputSize, hidden, {
      bidirectional: true,
      batchFirst: true,
      generator,
    });
    this.classifier = new nn.Linear(2 * hidden, config.tags.length, { generator });
    this.renameChild("wordEmbedding", "word_embedding");
    this.renameChild("suffixEmbedding", "suffix_embedding");
    this.renameChild("shapeEmbedding", "shape_embedding");
  }

  forward(batch: TagBatch): Tensor {
    const input = concat(
      [
        this.wordEmbedding.forward(batch.words),
        this.suffixEmbedding.forward(batch.suffixes),
        this.shapeEmbedding.forward(batch.shapes),
      ],
      -1,
    );
    const [output] = this.lstm.forward(input, null, { lengths: batch.lengths });
    const rows = output.reshape([-1, 2 * this.config.hidden]).indexSelect(0, batch.positions);
    return this.classifier.forward(rows);
  }

  /** The sparse-gradient tables (for SparseAdam) and the dense parameters (for Adam). */
  parameterGroups(): { sparse: Tensor[]; dense: Tensor[] } {
    const sparse = [this.wordEmbedding.weight, this.suffixEmbedding.weight];
    return { sparse, dense: this.parameters().filter((p) => !sparse.includes(p)) };
  }
}

/**
 * The state-dict names and shapes of the tagger `config` describes (for checking a saved file before
 * anything is built).
 * @example taggerShapes(config)["lstm.weight_hh_l0"]; // [4·hidden, hidden]
 */
export function taggerShapes(config: TaggerConfig): Record<string, number[]> {
  const { hidden } = config;
  const inputSize = config.wordDim + config.suffixDim + config.shapeDim;
  const shapes: Record<string, number[]> = {
    "word_embedding.weight": [config.words, config.wordDim],
    "suffix_embedding.weight": [config.suffixes, config.suffixDim],
    "shape_embedding.weight": [config.shapes, config.shapeDim],
  };
  for (const suffix of ["l0", "l0_reverse"]) {
    shapes[`lstm.weight_ih_${suffix}`] = [4 * hidden, inputSize];
    shapes[`lstm.weight_hh_${suffix}`] = [4 * hidden, hidden];
    shapes[`lstm.bias_ih_${suffix}`] = [4 * hidden];
    shapes[`lstm.bias_hh_${suffix}`] = [4 * hidden];
  }
  shapes["classifier.weight"] = [config.tags.length, 2 * hidden];
  shapes["classifier.bias"] = [config.tags.length];
  return shapes;
}
