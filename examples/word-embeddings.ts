// Word vectors by skip-gram with negative sampling (word2vec) on a slice of Brown: two sparse embedding
// tables, SparseAdam moving only the rows a batch touched, cosine nearest neighbours at the end.
// The full version is `gradus embed train` / `gradus embed neighbours WORD`.
import { data, Generator, nn, noGrad, optim, rand } from "../src/node.js";

const generator = new Generator(0);
const brown = await data.loadBrown();
const sentences = brown.train.slice(0, 8000).map((s) => s.words);
const vocabulary = data.WordVocabulary.fromSentences(sentences, { minCount: 5, lowercase: true });
const loader = new data.SkipGramLoader(
  sentences.map((words) => vocabulary.encode(words)),
  vocabulary, // counts for subsampling (t = 10⁻³) and for the count^0.75 noise distribution
  { window: 5, negatives: 5, batchSize: 512, shuffle: true, generator },
);
const dim = 64;
const centres = new nn.Embedding(vocabulary.size, dim, { generator, sparse: true });
const contexts = new nn.Embedding(vocabulary.size, dim, { generator, sparse: true });
// word2vec's start: centre vectors U(−0.5/d, 0.5/d), context vectors 0
centres.weight.data.set(
  rand([vocabulary.size * dim], { generator })
    .sub(0.5)
    .div(dim)
    .dataSync(),
);
contexts.weight.data.fill(0);
const optimizer = new optim.SparseAdam([centres.weight, contexts.weight], { lr: 0.01 });

for (let epoch = 1; epoch <= 2; epoch++) {
  let [total, steps] = [0, 0];
  for (const { centers, contexts: positives, negatives } of loader) {
    optimizer.zeroGrad();
    const centre = centres.forward(centers); // [B, d]
    const positive = contexts.forward(positives).mul(centre).sum(-1); // [B]
    const noise = contexts.forward(negatives).matmul(centre.unsqueeze(-1)).squeeze(-1); // [B, k]
    // −log σ(u_o·v_c) − Σ log σ(−u_k·v_c), averaged over the pairs
    const loss = positive.logSigmoid().neg().sub(noise.neg().logSigmoid().sum(-1)).mean();
    loss.backward(); // both tables get row-sparse gradients: weight.sparseGrad, never a dense table
    optimizer.step();
    [total, steps] = [total + loss.item(), steps + 1];
  }
  console.log(`epoch ${epoch}: ${steps} steps, mean loss ${(total / steps).toFixed(3)}`);
}

// cosine similarity of every row with the query row: normalise, then one matrix–vector product
const unit = noGrad(() => centres.weight.div(centres.weight.pow(2).sum(-1, true).sqrt()));
for (const word of ["said", "president", "water"]) {
  const id = vocabulary.idOf(word);
  const cosines = unit
    .matmul(unit.slice(0, id, id + 1).transpose())
    .reshape([-1])
    .dataSync();
  const best = Array.from(cosines, (cosine, i) => ({ word: vocabulary.tokens[i]!, cosine, i }))
    .filter(({ i }) => i !== id && i > vocabulary.unknownId)
    .sort((a, b) => b.cosine - a.cosine)
    .slice(0, 6);
  console.log(`${word}: ${best.map((n) => `${n.word} ${n.cosine.toFixed(2)}`).join(", ")}`);
}
console.log(`vocabulary: ${vocabulary.size - 2} words, vectors of size ${dim}`);
