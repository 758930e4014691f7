// The MNIST CNN and its PyTorch twin trained side by side from the same initial weights, in the same
// batch order, with the same Adam, for 8 epochs (one thread each): final test accuracy within 0.3
// points and final training loss within 2 % is the bar. Needs a python with torch.
// Usage: node --import tsx bench/mnist-cnn-twin.ts [--epochs 8] [--seed 0]   (exit 1 when outside the bar)
import { setNumThreads } from "../src/node.js";
import { freshCnn, setupCnnTwin, testAccuracy, trainEpoch } from "./mnist-cnn-setup.js";
import { runTorch } from "./torch-peer.js";

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const [epochs, seed] = [flag("epochs", 8), flag("seed", 0)];
setNumThreads(1);

interface TorchRun {
  seconds: number[];
  loss: number[];
  testAccuracy: number[];
  version: string;
}

const setup = await setupCnnTwin(epochs, seed);
try {
  const { model, optimizer } = freshCnn(setup);
  const ours = setup.orders.map((order) => {
    const { seconds, loss } = trainEpoch(setup, model, optimizer, order);
    return { seconds, loss, accuracy: testAccuracy(setup, model) };
  });
  const torch = runTorch<TorchRun>("./mnist-cnn-torch.py", [setup.inputs.folder, String(epochs)]);
  console.log("epoch  gradus loss  torch loss  gradus test acc  torch test acc  gradus s  torch s");
  ours.forEach((row, i) => {
    const theirs = "skipped" in torch ? null : torch;
    const cell = (value: number | undefined, digits: number, width: number) =>
      (value === undefined ? "—" : value.toFixed(digits)).padStart(width);
    console.log(
      `${String(i + 1).padStart(5)}  ${cell(row.loss, 4, 11)}  ${cell(theirs?.loss[i], 4, 10)}  ${cell(100 * row.accuracy, 2, 15)}  ${cell(theirs === null ? undefined : 100 * theirs.testAccuracy[i]!, 2, 14)}  ${cell(row.seconds, 2, 8)}  ${cell(theirs?.seconds[i], 2, 7)}`,
    );
  });
  if ("skipped" in torch) {
    console.log(`PyTorch twin skipped: ${torch.skipped}`);
  } else {
    const last = ours[ours.length - 1]!;
    const points = 100 * Math.abs(last.accuracy - torch.testAccuracy[epochs - 1]!);
    const lossGap = Math.abs(last.loss - torch.loss[epochs - 1]!) / last.loss;
    // accuracies are counts over the test digits: compare them as such (0.30 points is within 0.3)
    const met = Math.round(points * 1e6) <= 0.3 * 1e6 && lossGap <= 0.02;
    console.log(
      `after ${epochs} epochs: test accuracy ${(100 * last.accuracy).toFixed(2)} % (torch ${torch.version}: ${(100 * torch.testAccuracy[epochs - 1]!).toFixed(2)} %, ${points.toFixed(2)} points apart); training loss ${last.loss.toFixed(4)} (torch ${torch.loss[epochs - 1]!.toFixed(4)}, ${(100 * lossGap).toFixed(2)} % apart): ${met ? "within" : "OUTSIDE"} the bar (0.3 points, 2 %)`,
    );
    if (!met) process.exitCode = 1;
  }
} finally {
  setup.inputs.dispose();
}
