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
