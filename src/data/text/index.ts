// Text features for the data namespace: tokeniser, vocabulary, bag of words, TF-IDF and the hashing trick.
export { tokenize, makeTokenizer, type TokenizeOptions } from "./tokenize.js";
export { ENGLISH_STOP_WORDS } from "./stop-words.js";
export { Vocabulary, type VocabularyOptions, type VocabularyJson } from "./vocabulary.js";
export { bagOfWords, CountVectorizer, type CountOptions } from "./count-vectorizer.js";
export {
  tfidf,
  TfidfVectorizer,
  inverseDocumentFrequency,
  tfidfTransform,
  normalizeRows,
  type TfidfOptions,
  type TfidfJson,
} from "./tfidf-vectorizer.js";
export { HashingVectorizer, type HashingOptions } from "./hashing-vectorizer.js";
export { murmur3 } from "./murmur3.js";
export { parseEmail, emailText, type Email } from "../datasets/email.js";
export { htmlToText } from "../datasets/html-text.js";
export { stratifiedSplit, type StratifiedSplitOptions } from "../datasets/stratified-split.js";
// Sequence models: tokenizers (byte-level BPE, characters), word vocabularies, padding and batching,
// skip-gram pairs with negative sampling, the Brown corpus's format, tags and the tagging baseline.
export type { Tokenizer } from "./tokenizer.js";
export { BpeTokenizer, type BpeTrainOptions, type BpeTokenizerJson } from "./bpe-tokenizer.js";
export { CharTokenizer, type CharTrainOptions, type CharTokenizerJson } from "./char-tokenizer.js";
export { tokenizerFromJSON } from "./tokenizer-from-json.js";
export { TokenizerFormatError } from "./tokenizer-format.js";
export { preTokenize, PRE_TOKEN_PATTERN } from "./pre-tokenize.js";
export { encodeWtf8, decodeWtf8 } from "./wtf8.js";
export {
  WordVocabulary,
  type WordVocabularyOptions,
  type WordVocabularyJson,
} from "./word-vocabulary.js";
export { encodeLabels } from "./encode-labels.js";
export { padSequences, type PaddedBatch, type PadOptions } from "./pad-sequences.js";
export {
  SequenceLoader,
  type SequenceLoaderOptions,
  type SequenceBatch,
} from "./sequence-loader.js";
export {
  LanguageModelLoader,
  type LanguageModelLoaderOptions,
  type LanguageModelBatch,
} from "./language-model-loader.js";
export { NegativeSampler, type NegativeSamplerOptions } from "./negative-sampler.js";
export {
  subsampleKeepProbabilities,
  skipGramPairs,
  type SkipGramOptions,
  type SkipGramPairs,
} from "./skip-gram.js";
export {
  SkipGramLoader,
  type SkipGramLoaderOptions,
  type SkipGramBatch,
} from "./skip-gram-loader.js";
export {
  mostFrequentTagBaseline,
  type TaggedSentence,
  type TagBaseline,
} from "./most-frequent-tag.js";
export { parseBrown, brownPart, sentencesToText, type BrownPart } from "../datasets/brown.js";
export { brownToUniversal, UNIVERSAL_TAGS, type UniversalTag } from "../datasets/brown-tags.js";
