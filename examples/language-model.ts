// A small transformer language model on a slice of the Brown corpus (the README's "Language model"
// section; `gradus lm train` does the same at full size): a byte-level BPE, next-token cross-entropy,
// Adam with gradient clipping, validation perplexity, then text sampled with temperature and top-k.
import { data, Generator, nn, noGrad, optim, type Tensor } from "../src/node.js";

const generator = new Generator(0);
const files = await data.loadBrownFiles();
const textOf = (part: string, count: number) =>
  data.sentencesToText(
    files
      .filter((f) => f.part === part)
      .slice(0, count)
      .flatMap((f) => f.sentences),
  );
const [trainText, validationText] = [textOf("train", 5), textOf("validation", 1)];

const bpe = data.BpeTokenizer.train([trainText], { vocabSize: 512 });
const context = 64;
const model = new nn.TransformerLanguageModel(bpe.vocabSize, {
  dModel: 64,
  nhead: 4,
  numLayers: 2,
  contextLength: context,
  dropout: 0,
  generator,
});
const optimizer = new optim.Adam(model.parameters(), { lr: 3e-3 });
const train = new data.LanguageModelLoader(bpe.encode(trainText), {
  contextLength: context,
  batchSize: 16,
  shuffle: true,
  generator,
});
const validation = new data.LanguageModelLoader(bpe.encode(validationText), {
  contextLength: context,
  batchSize: 16,
});

// mean cross-entropy per token: logits [B, T, V] against the next tokens [B, T]
const lossOf = (inputs: Tensor, targets: Tensor): Tensor =>
  nn.crossEntropy(
    model.forward(inputs).reshape([targets.size, bpe.vocabSize]),
    targets.reshape([targets.size]),
  );

function validationPerplexity(): number {
  model.eval();
  let [total, batches] = [0, 0];
  noGrad(() => {
    for (const { inputs, targets } of validation)
      [total, batches] = [total + lossOf(inputs, targets).item(), batches + 1];
  });
  model.train();
  return Math.exp(total / batches);
}

const before = validationPerplexity();
for (let epoch = 0; epoch < 2; epoch++) {
  for (const { inputs, targets } of train) {
    optimizer.zeroGrad();
    lossOf(inputs, targets).backward();
    optim.clipGradNorm(model.parameters(), 1);
    optimizer.step();
  }
}
console.log(`validation perplexity ${before.toFixed(1)} → ${validationPerplexity().toFixed(1)}`);

const prompt = bpe.encode("The jury said");
const added = nn.generate(model, prompt, {
  maxNewTokens: 20,
  temperature: 0.8,
  topK: 40,
  generator: new Generator(1),
});
console.log(`sample: The jury said${bpe.decode(added)}`);
