// `gradus lm train` and its PyTorch twin (bench/lm-torch.py) side by side: the same model, initial
// weights, windows in the same batch order, Adam with clipping, the same steps; the issue's bar is the
// final validation loss within 2 %. Flags as `gradus lm train` (defaults: its defaults); dropout must be 0.
// Usage: node --import tsx bench/lm-twin.ts [--model transformer|lstm] [--limit N] [--epochs N] …   (exit 1 outside the bar)
import { Generator, data } from "../src/node.js";
import { loadLmCorpus } from "../src/cli/lm/corpus.js";
import { parseLmSettings, type LmTrainFlags } from "../src/cli/lm/options.js";
import { tokenizeCorpus } from "../src/cli/lm/tokens.js";
import { prepareLmRun, trainLm, validationLoss } from "../src/cli/lm/training.js";
import { PythonInputs } from "./peers.js";
import { runTorch } from "./torch-peer.js";

const flags: Record<string, string> = {
  corpus: "brown",
  model: "transformer",
  tokenizer: "bpe:4000",
  seed: "0",
  out: "",
};
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i]!.replace(/^--/, "").replace(/-(\w)/g, (_, c: string) =>
    c.toUpperCase(),
  );
  flags[name] = process.argv[i + 1]!;
}
const settings = parseLmSettings(flags as unknown as LmTrainFlags);
if (settings.dropout !== 0)
  throw new Error("lm-twin: dropout masks cannot match PyTorch's; use --dropout 0");
const corpus = await loadLmCorpus(settings.corpus, settings.limit);
const tokens = tokenizeCorpus(corpus, settings.tokenizer, settings.context);
const run = prepareLmRun(settings, corpus, tokens);

// The batch order fit will draw: the training loader's index lists, from a generator in the same state.
const loaderCopy = new data.DataLoader(run.loader.dataset, {
  batchSize: settings.batchSize,
  shuffle: true,
  generator: new Generator(settings.seed + 1),
});
const epochs = Array.from({ length: settings.epochs }, () => loaderCopy.epochIndices());
const initial = run.model.stateDict();
const inputs = new PythonInputs();
const concat = (
  arrays: ArrayLike<number>[],
  Type: Float32ArrayConstructor | Int32ArrayConstructor,
) => {
  const out = new Type(arrays.reduce((total, a) => total + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};
inputs.write(
  "params.bin",
  concat(
    Object.values(initial).map((t) => t.dataSync()),
    Float32Array,
  ),
);
inputs.write("order.bin", concat(epochs.flat(), Int32Array));
inputs.write("train.bin", tokens.train);
inputs.write("validation.bin", tokens.validation);
inputs.write(
  "manifest.json",
  new TextEncoder().encode(
    JSON.stringify({
      ...run.config,
      batchSize: settings.batchSize,
      lr: settings.lr,
      clip: settings.clip,
      parameters: Object.entries(initial).map(([key, t]) => [key, t.shape]),
      batches: epochs.map((lists) => lists.map((list) => list.length)),
    }),
  ),
);

interface TorchRun {
  trainLoss: number[];
  validationLoss: number[];
  seconds: number;
  version: string;
}

try {
  const initialLoss = validationLoss(run);
  const started = performance.now();
  const ours = await trainLm(run, settings.epochs, { progress: false });
  const seconds = (performance.now() - started) / 1000;
  const torch = runTorch<TorchRun>("./lm-torch.py", [inputs.folder]);
  const steps = epochs.reduce((total, lists) => total + lists.length, 0);
  console.log(
    `${settings.model} on ${corpus.name}${settings.limit === null ? "" : ` (--limit ${settings.limit})`}: ${steps} steps of ${settings.batchSize} × ${settings.context} tokens, vocabulary ${run.config.vocabSize}; validation loss before training ${initialLoss.toFixed(4)}`,
  );
  console.log("epoch  gradus train  torch train  gradus valid  torch valid");
  const theirs = "skipped" in torch ? null : torch;
  const cell = (value: number | undefined, width: number) =>
    (value === undefined ? "—" : value.toFixed(4)).padStart(width);
  ours.loss.forEach((loss, i) =>
    console.log(
      `${String(i + 1).padStart(5)}  ${cell(loss, 12)}  ${cell(theirs?.trainLoss[i], 11)}  ${cell(ours.validationLoss[i], 12)}  ${cell(theirs?.validationLoss[i], 11)}`,
    ),
  );
  if (theirs === null)
    console.log(`PyTorch twin skipped: ${(torch as { skipped: string }).skipped}`);
  else {
    const [mine, peer] = [ours.validationLoss.at(-1)!, theirs.validationLoss.at(-1)!];
    const gap = Math.abs(mine - peer) / peer;
    console.log(
      `final validation loss: gradus ${mine.toFixed(4)} (perplexity ${Math.exp(mine).toFixed(2)}, ${seconds.toFixed(0)} s), torch ${theirs.version} ${peer.toFixed(4)} (perplexity ${Math.exp(peer).toFixed(2)}, ${theirs.seconds.toFixed(0)} s, one thread); ratio ${(mine / peer).toFixed(4)}, ${(100 * gap).toFixed(2)} % apart: ${gap <= 0.02 ? "within" : "OUTSIDE"} the 2 % bar`,
    );
    if (gap > 0.02) process.exitCode = 1;
  }
} finally {
  inputs.dispose();
}
