// Tensor ops on the js backend against TF.js cpu: same workloads, same run, results checked.
import { Generator, matmul, randn, setBackend, type Tensor } from "../src/index.js";
import type { BenchRow, BenchSuite } from "./suite.js";
import { logisticRegressionStep } from "./tensor-logistic.js";
import { scalarGraph } from "./tensor-scalar-peer.js";
import { checkAgreement, compareWithPeer, loadTfjs, type Tfjs } from "./tfjs-peer.js";

const SUITE = "tensor-ops";

/** exp(−x²)·sin x + tanh(x)/2 on 10⁶ float32 elements (8 elementwise ops). */
async function elementwiseChain(tf: Tfjs, generator: Generator): Promise<BenchRow[]> {
  const x = randn([1_000_000], { generator });
  const tx = tf.tensor1d(x.dataSync() as Float32Array);
  const gradusChain = (): Tensor => x.mul(x).neg().exp().mul(x.sin()).add(x.tanh().mul(0.5));
  const peerChain = async (): Promise<Float32Array> => {
    const result = tf.tidy(() => tx.mul(tx).neg().exp().mul(tx.sin()).add(tx.tanh().mul(0.5)));
    const values = (await result.data()) as Float32Array;
    result.dispose();
    return values;
  };
  const difference = checkAgreement(
    "elementwise chain",
    gradusChain().dataSync(),
    await peerChain(),
    1e-5,
  );
  return compareWithPeer(
    SUITE,
    "elementwise chain, 10⁶ float32 (8 ops)",
    gradusChain,
    peerChain,
    7,
    `max rel diff ${difference.toExponential(1)}`,
  );
}

/** n×n float32 matrix product, also reported in GFLOP/s. */
async function matmulSquare(tf: Tfjs, generator: Generator, n: number): Promise<BenchRow[]> {
  const a = randn([n, n], { generator });
  const b = randn([n, n], { generator });
  const ta = tf.tensor2d(a.dataSync() as Float32Array, [n, n]);
  const tb = tf.tensor2d(b.dataSync() as Float32Array, [n, n]);
  const peerProduct = async (): Promise<Float32Array> => {
    const product = tf.matMul(ta, tb);
    const values = (await product.data()) as Float32Array;
    product.dispose();
    return values;
  };
  const workload = `matmul ${n}×${n} float32`;
  const difference = checkAgreement(workload, matmul(a, b).dataSync(), await peerProduct(), 1e-4);
  const rows = await compareWithPeer(
    SUITE,
    workload,
    () => matmul(a, b),
    peerProduct,
    5,
    `max rel diff ${difference.toExponential(1)}`,
  );
  const gflops = (row: BenchRow): BenchRow => ({
    suite: SUITE,
    workload,
    runner: row.runner,
    value: (2 * n ** 3) / 1e6 / row.value,
    unit: "GFLOP/s",
  });
  return [...rows, ...rows.map(gflops)];
}

/**
 * The tensor suite: elementwise chain, matmul 256 and 512, a logistic-regression forward+backward
 * step, and the scalar peer (TF.js scalars, ns per vertex).
 */
export const tensorOpsSuite: BenchSuite = {
  name: SUITE,
  async run() {
    setBackend("js");
    const tf = await loadTfjs();
    const generator = new Generator(42);
    return [
      ...(await elementwiseChain(tf, generator)),
      ...(await matmulSquare(tf, generator, 256)),
      ...(await matmulSquare(tf, generator, 512)),
      ...(await logisticRegressionStep(SUITE, tf, generator)),
      ...(await scalarGraph(SUITE, tf, generator)),
    ];
  },
};
