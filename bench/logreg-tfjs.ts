// The TF.js peer of the logistic-regression epoch: minimize (autodiff) and SGD per batch. Its batches are
// gathered once before timing: tf.gather from the [N, d] tensor costs ≈ 10 ms per batch on the wasm
// backend here (more than the whole step), so gathering inside the loop would flatter gradus.
import type { Tensor1D, Tensor2D } from "@tensorflow/tfjs";
import type { Weights } from "./logreg-reference.js";
import type { Tf } from "./peers.js";

/** An epoch function over fixed, pre-gathered batches: returns [seconds, final weights]. */
export function tfjsLogregEpoch(
  tf: Tf,
  X: Tensor2D,
  y: Tensor1D,
  order: readonly Int32Array[],
  lr: number,
): () => Promise<[number, Weights]> {
  const batches = order.map((indices) => {
    const index = tf.tensor1d(indices, "int32");
    const pair = [tf.gather(X, index), tf.gather(y, index)] as const;
    index.dispose();
    return pair;
  });
  return async () => {
    const w = tf.variable(tf.zeros([X.shape[1]]));
    const b = tf.variable(tf.scalar(0));
    const optimizer = tf.train.sgd(lr);
    const start = performance.now();
    for (const [xb, yb] of batches) {
      tf.tidy(() => {
        optimizer.minimize(() =>
          tf.losses.sigmoidCrossEntropy(yb, tf.add(tf.matMul(xb, w.expandDims(1)).squeeze([1]), b)),
        );
      });
    }
    const weights = (await w.data()) as Float32Array;
    const seconds = (performance.now() - start) / 1000;
    const bias = ((await b.data()) as Float32Array)[0]!;
    tf.dispose([w, b]);
    optimizer.dispose();
    return [seconds, { w: weights, b: bias }];
  };
}
