// The lecture's logistic-regression step (S = 1024, n = 256): forward + backward with autodiff on both sides.
import type { Generator } from "../src/index.js";
import { randn, tensor, valueAndGrad, type Tensor } from "../src/index.js";
import type { BenchRow } from "./suite.js";
import type { Tensor as PeerTensor } from "@tensorflow/tfjs";
import { checkAgreement, compareWithPeer, type Tfjs } from "./tfjs-peer.js";

const S = 1024;
const n = 256;

/** ∂h/∂w = −(1/S) Σ (yᵢ − σ(Xᵢw + b)) Xᵢ in float64 loops: the closed form both runners must match. */
function closedFormGradient(
  x: Float32Array,
  y: Float32Array,
  w: Float32Array,
  b: number,
): Float64Array {
  const gradient = new Float64Array(n);
  for (let i = 0; i < S; i++) {
    let t = b;
    for (let j = 0; j < n; j++) t += x[i * n + j]! * w[j]!;
    const residual = y[i]! - 1 / (1 + Math.exp(-t));
    for (let j = 0; j < n; j++) gradient[j]! -= (residual * x[i * n + j]!) / S;
  }
  return gradient;
}

/** Mean binary cross-entropy of σ(Xw + b) against y, as in the lecture, on both sides. */
export async function logisticRegressionStep(
  suite: string,
  tf: Tfjs,
  generator: Generator,
): Promise<BenchRow[]> {
  const x = randn([S, n], { generator });
  const w = randn([n], { generator }).mul(0.05);
  const b = tensor(0.1);
  const labels = Float32Array.from({ length: S }, () => (generator.uniform() < 0.5 ? 1 : 0));
  const y = tensor(labels);
  const loss = (weights: Tensor, bias: Tensor): Tensor => {
    const sigma = x.matmul(weights).add(bias).sigmoid();
    return y
      .mul(sigma.log())
      .add(y.neg().add(1).mul(sigma.neg().add(1).log()))
      .mean()
      .neg();
  };
  const gradusStep = (): Tensor[] => valueAndGrad(loss, [0, 1])(w, b)[1];

  const [tx, ty, tw, tb] = [
    tf.tensor2d(x.dataSync() as Float32Array, [S, n]),
    tf.tensor1d(labels),
    tf.tensor1d(w.dataSync() as Float32Array),
    tf.scalar(0.1),
  ];
  const peerLoss = (...[weights, bias]: PeerTensor[]): PeerTensor => {
    const sigma = tf.sigmoid(tf.add(tf.squeeze(tf.matMul(tx, weights!.expandDims(1))), bias!));
    const likelihood = ty.mul(sigma.log()).add(tf.sub(1, ty).mul(tf.sub(1, sigma).log()));
    return likelihood.mean().neg();
  };
  const peerStep = async (): Promise<Float32Array> => {
    const { value, grads } = tf.valueAndGrads(peerLoss)([tw, tb]);
    const values = (await grads[0]!.data()) as Float32Array;
    await grads[1]!.data();
    tf.dispose([value, ...grads]);
    return values;
  };
  const expected = closedFormGradient(
    x.dataSync() as Float32Array,
    labels,
    w.dataSync() as Float32Array,
    0.1,
  );
  const workload = `logistic regression fwd+bwd, S=${S} n=${n}`;
  const gradusDifference = checkAgreement(workload, gradusStep()[0]!.dataSync(), expected, 1e-5);
  const peerDifference = checkAgreement(workload, await peerStep(), expected, 1e-5);
  const note = `∂h/∂w vs closed form: gradus ${gradusDifference.toExponential(1)}, tfjs ${peerDifference.toExponential(1)}`;
  return compareWithPeer(suite, workload, gradusStep, peerStep, 9, note);
}
