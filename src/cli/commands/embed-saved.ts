// Word embeddings on disk (DIR/model.safetensors, config.json, vocabulary.json) and back, every field
// and tensor checked before use; and the cosine nearest neighbours of a word.
import { data } from "../../node.js";
import {
  checkTensorShapes,
  integerField,
  objectIn,
  readModelDirectory,
  writeModelDirectory,
} from "./tag-files.js";
import type { SkipGramModel } from "./embed-model.js";
import { type SkipGramConfig } from "./embed-model.js";

const KIND = "gradus.word-embeddings";

/**
 * Writes the embeddings' directory and returns the files written.
 * @example await saveEmbeddings("out", model, vocabulary, { training: flags });
 */
export async function saveEmbeddings(
  directory: string,
  model: SkipGramModel,
  vocabulary: data.WordVocabulary,
  notes: { training?: unknown; results?: unknown } = {},
): Promise<string[]> {
  return writeModelDirectory(directory, {
    tensors: model.stateDict(),
    config: { kind: KIND, version: 1, model: model.config, ...notes },
    vocabulary: vocabulary.toJSON(),
  });
}

/** Embeddings ready to query: vectors [words, dim] (the input table) and their vocabulary. */
export interface SavedEmbeddings {
  readonly vectors: Float32Array;
  readonly dim: number;
  readonly vocabulary: data.WordVocabulary;
}

/**
 * Reads an embeddings directory; every problem is one line naming the file.
 * @example const { vectors, vocabulary } = await loadEmbeddings("gradus-embeddings");
 */
export async function loadEmbeddings(directory: string): Promise<SavedEmbeddings> {
  const { tensors, config, vocabulary, files } = await readModelDirectory(directory);
  const [modelFile, configFile, vocabularyFile] = files as [string, string, string];
  const record = objectIn(config, configFile);
  if (record.kind !== KIND || record.version !== 1)
    throw new Error(`${configFile} is not word embeddings' config (kind "${KIND}", version 1)`);
  const model = objectIn(record.model, `${configFile}: field "model"`);
  const sizes: SkipGramConfig = {
    words: integerField(model.words, `${configFile}: field "model.words"`, 3, 2 ** 24),
    dim: integerField(model.dim, `${configFile}: field "model.dim"`, 1, 4096),
  };
  const words = data.WordVocabulary.fromJSON(vocabulary, vocabularyFile);
  if (words.size !== sizes.words)
    throw new Error(
      `${vocabularyFile} holds ${words.size} ids but ${configFile} gives ${sizes.words} (from another model?)`,
    );
  const { words: count, dim } = sizes;
  checkTensorShapes(
    modelFile,
    { "in_embedding.weight": [count, dim], "out_embedding.weight": [count, dim] },
    tensors,
  );
  const vectors = tensors["in_embedding.weight"]!.contiguous().dataSync() as Float32Array;
  if (!vectors.every(Number.isFinite))
    throw new Error(`${modelFile}: "in_embedding.weight" holds NaN or infinite values`);
  return { vectors, dim, vocabulary: words };
}

/** A neighbour: the word and its cosine similarity. */
export interface Neighbour {
  readonly word: string;
  readonly cosine: number;
}

/**
 * The k words whose vectors have the largest cosine with `word`'s (the word itself, <pad> and <unk>
 * left out), best first; a word outside the vocabulary is an error naming it.
 * @example nearestNeighbours(saved, "city", 3); // [{ word: "town", cosine: 0.7… }, …]
 */
export function nearestNeighbours(saved: SavedEmbeddings, word: string, k: number): Neighbour[] {
  const { vectors, dim, vocabulary } = saved;
  const id = vocabulary.idOf(word);
  if (id === vocabulary.unknownId || id === vocabulary.padId)
    throw new Error(
      `"${word}" is not in the embeddings' vocabulary (${vocabulary.size - 2} words)`,
    );
  const norms = new Float64Array(vocabulary.size);
  for (let row = 0; row < vocabulary.size; row++) {
    let sum = 0;
    for (let j = row * dim; j < row * dim + dim; j++) sum += vectors[j]! * vectors[j]!;
    norms[row] = Math.sqrt(sum);
  }
  const scored: Neighbour[] = [];
  for (let row = 2; row < vocabulary.size; row++) {
    if (row === id) continue;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += vectors[row * dim + j]! * vectors[id * dim + j]!;
    const denominator = norms[row]! * norms[id]!;
    scored.push({
      word: vocabulary.tokens[row]!,
      cosine: denominator === 0 ? 0 : dot / denominator,
    });
  }
  return scored.sort((a, b) => b.cosine - a.cosine).slice(0, k);
}
