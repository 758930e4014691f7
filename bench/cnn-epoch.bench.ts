// One MNIST CNN training epoch (8,000 digits, batches of 64, Adam 1e-3; the network of `gradus train
// --model cnn`), seconds per epoch: gradus native against its PyTorch twin (bench/mnist-cnn-torch.py),
// one thread each, from the same initial weights in the same batch order, in alternation over ROUNDS
// rounds. Each round starts both from the initial weights; their epoch losses must agree within 5 %.
import { availableParallelism } from "node:os";
import { availableBackends, setBackend, setNumThreads } from "../src/node.js";
import { freshCnn, setupCnnTwin, trainEpoch, type CnnTwinSetup } from "./mnist-cnn-setup.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import type { BenchRow, BenchSuite } from "./suite.js";
import { runTorch } from "./torch-peer.js";

const SUITE = "cnn-epoch";
const ROUNDS = 5;
const WORKLOAD = "MNIST CNN training epoch (8,000 digits, B=64, Adam)";
const LOSS_TOLERANCE = 0.05;

/** The losses each runner reports, to check that both trained the same network. */
const losses: { gradus: number[]; torch: number[] } = { gradus: [], torch: [] };

function gradusRunner(setup: CnnTwinSetup): RoundRunner {
  return {
    name: "gradus-native",
    peers: ["pytorch"],
    measure(round): Measurement {
      setBackend("native");
      setNumThreads(1);
      if (round === 0) {
        // warm-up: the JIT and the kernels' buffers, on 20 batches
        const { model, optimizer } = freshCnn(setup);
        trainEpoch(setup, model, optimizer, setup.orders[0]!.subarray(0, 20 * 64));
      }
      const { model, optimizer } = freshCnn(setup);
      const { seconds, loss } = trainEpoch(setup, model, optimizer, setup.orders[0]!);
      losses.gradus.push(loss);
      return { value: seconds, note: `1 thread; epoch loss ${loss.toFixed(4)}` };
    },
  };
}

function torchRunner(setup: CnnTwinSetup): RoundRunner {
  return {
    name: "pytorch",
    measure(): Measurement {
      const result = runTorch<{ seconds: number[]; loss: number[]; version: string }>(
        "./mnist-cnn-torch.py",
        [setup.inputs.folder, "1", "--no-test"],
      );
      if ("skipped" in result) return result;
      losses.torch.push(result.loss[0]!);
      return {
        value: result.seconds[0]!,
        note: `torch ${result.version}, set_num_threads(1); epoch loss ${result.loss[0]!.toFixed(4)}`,
      };
    },
  };
}

export const cnnEpochSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    if (!availableBackends().includes("native"))
      return [
        {
          suite: SUITE,
          workload: WORKLOAD,
          runner: "gradus-native",
          value: NaN,
          unit: "s/epoch",
          note: "the native addon is not built",
        },
      ];
    const setup = await setupCnnTwin(1);
    try {
      const rows = await runRounds(
        { suite: SUITE, workload: WORKLOAD, unit: "s/epoch", better: "lower", rounds: ROUNDS },
        [gradusRunner(setup), torchRunner(setup)],
      );
      const [ours, theirs] = [losses.gradus[0], losses.torch[0]];
      if (
        ours !== undefined &&
        theirs !== undefined &&
        Math.abs(ours - theirs) / theirs > LOSS_TOLERANCE
      )
        throw new Error(`${WORKLOAD}: epoch losses differ: gradus ${ours}, pytorch ${theirs}`);
      return rows;
    } finally {
      setup.inputs.dispose();
      setNumThreads(availableParallelism());
    }
  },
};
