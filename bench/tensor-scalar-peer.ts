// The scalar-engine workload f = Σ log xᵢ + xᵢyᵢ − sin yᵢ on 0-d tensors: TF.js scalars against gradus.
import type { Generator } from "../src/index.js";
import { tensor, type Tensor } from "../src/index.js";
import { timeMedian, type BenchRow } from "./suite.js";
import type { Tensor as PeerTensor } from "@tensorflow/tfjs";
import { checkAgreement, PEER, type Tfjs } from "./tfjs-peer.js";

/** Small, because a TF.js scalar op costs tens of microseconds. */
const TERMS = 1000;
/** Graph vertices per term: log, mul, sin, add, sub, and the running sum's add. */
const VERTICES = 6 * TERMS;

/** Build + forward + backward of f on scalars, in ns per vertex; gradients checked against ∂f/∂xᵢ = 1/xᵢ + yᵢ. */
export async function scalarGraph(
  suite: string,
  tf: Tfjs,
  generator: Generator,
): Promise<BenchRow[]> {
  const xs = Array.from({ length: TERMS }, () => 0.5 + generator.uniform());
  const ys = Array.from({ length: TERMS }, () => generator.uniform() * 3);
  const expected = xs.map((x, i) => 1 / x + ys[i]!);

  const gradusRun = (): number[] => {
    const leaves = xs.map((x) => tensor(x, { requiresGrad: true }));
    const others = ys.map((y) => tensor(y, { requiresGrad: true }));
    let total: Tensor = tensor(0);
    leaves.forEach((x, i) => {
      const y = others[i]!;
      total = total.add(x.log().add(x.mul(y)).sub(y.sin()));
    });
    total.backward();
    return leaves.map((x) => x.grad!.item());
  };
  const peerRun = async (): Promise<Float32Array> => {
    const leaves = [...xs, ...ys].map((value) => tf.scalar(value));
    const gradients = tf.tidy(() => {
      const f = (...args: PeerTensor[]): PeerTensor => {
        let total: PeerTensor = tf.scalar(0);
        for (let i = 0; i < TERMS; i++) {
          const [x, y] = [args[i]!, args[TERMS + i]!];
          total = total.add(x.log().add(x.mul(y)).sub(y.sin()));
        }
        return total;
      };
      return tf.stack(tf.grads(f)(leaves).slice(0, TERMS));
    });
    const values = (await gradients.data()) as Float32Array;
    tf.dispose([gradients, ...leaves]);
    return values;
  };
  const workload = `Σ log x + xy − sin y, ${TERMS} terms on scalars`;
  checkAgreement(workload, gradusRun(), expected, 1e-5);
  checkAgreement(workload, await peerRun(), expected, 1e-5);
  const perVertex = (ms: number): number => (ms * 1e6) / VERTICES;
  const peerNs = perVertex(await timeMedian(peerRun, 3, 1));
  const gradusNs = perVertex(await timeMedian(gradusRun, 5, 1));
  return [
    { suite, workload, runner: PEER, value: peerNs, unit: "ns/vertex" },
    {
      suite,
      workload,
      runner: "gradus 0-d tensors",
      value: gradusNs,
      unit: "ns/vertex",
      ratio: { peer: PEER, value: gradusNs / peerNs },
      note: "build + forward + backward; the scalar engine (graph/) is the fast path",
    },
  ];
}
