// JS peers of the MLP step benchmark: jax-js (one jit-compiled step) and TF.js wasm (minimize + SGD).
import type { MlpBatch, MlpParams, MlpShape } from "./mlp-reference.js";
import { transposed } from "./mlp-reference.js";
import type { Jax, Tf } from "./peers.js";

/** Trains `steps` steps from `init` over `batches`; returns [ms per step, final parameters]. */
export type MlpTraining = (steps: number) => Promise<[number, MlpParams]>;

/** One-hot float32 rows for int labels (peers take one-hot targets; prepared before timing). */
function oneHot(labels: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, row) => (out[row * classes + label] = 1));
  return out;
}

/** jax-js on wasm: the whole step (forward, loss, grad, update) under one jit; weights as [in, out]. */
export function jaxMlp(
  jax: Jax,
  init: MlpParams,
  batches: readonly MlpBatch[],
  lr: number,
  { inputs, hidden, classes }: MlpShape,
): MlpTraining {
  const np = jax.numpy;
  type JArray = ReturnType<typeof np.array>;
  type Params = { w1: JArray; b1: JArray; w2: JArray; b2: JArray };
  const data = batches.map(({ x, labels }) => ({
    x: np.array(x).reshape([labels.length, inputs]),
    y: np.array(oneHot(labels, classes)).reshape([labels.length, classes]),
  }));
  const loss = (p: Params, x: JArray, y: JArray): JArray => {
    const h = jax.nn.relu(np.matmul(x, p.w1).add(p.b1));
    const logits = np.matmul(h, p.w2).add(p.b2);
    return jax.nn.logSoftmax(logits).mul(y).sum(1).mean().mul(-1);
  };
  const step = jax.jit((p: Params, x: JArray, y: JArray): Params => {
    const g = jax.grad(loss)({ w1: p.w1.ref, b1: p.b1.ref, w2: p.w2.ref, b2: p.b2.ref }, x, y);
    return {
      w1: p.w1.sub(g.w1.mul(lr)),
      b1: p.b1.sub(g.b1.mul(lr)),
      w2: p.w2.sub(g.w2.mul(lr)),
      b2: p.b2.sub(g.b2.mul(lr)),
    };
  });
  const w1 = transposed(init.w1, hidden, inputs);
  const w2 = transposed(init.w2, classes, hidden);
  return async (steps) => {
    let p: Params = {
      w1: np.array(w1).reshape([inputs, hidden]),
      b1: np.array(Float32Array.from(init.b1)),
      w2: np.array(w2).reshape([hidden, classes]),
      b2: np.array(Float32Array.from(init.b2)),
    };
    await p.w1.ref.data();
    const start = performance.now();
    for (let s = 0; s < steps; s++) {
      const batch = data[s % data.length]!;
      p = step(p, batch.x.ref, batch.y.ref);
    }
    const values = {
      w1: (await p.w1.data()) as Float32Array,
      b1: (await p.b1.data()) as Float32Array,
      w2: (await p.w2.data()) as Float32Array,
      b2: (await p.b2.data()) as Float32Array,
    };
    const ms = (performance.now() - start) / steps;
    return [
      ms,
      {
        w1: transposed(values.w1, inputs, hidden),
        b1: values.b1,
        w2: transposed(values.w2, hidden, classes),
        b2: values.b2,
      },
    ];
  };
}

/** TF.js on its wasm backend: optimizer.minimize of softmaxCrossEntropy; weights as [in, out]. */
export function tfjsMlp(
  tf: Tf,
  init: MlpParams,
  batches: readonly MlpBatch[],
  lr: number,
  { inputs, hidden, classes }: MlpShape,
): MlpTraining {
  const data = batches.map(({ x, labels }) => ({
    x: tf.tensor2d(x, [labels.length, inputs]),
    y: tf.tensor2d(oneHot(labels, classes), [labels.length, classes]),
  }));
  return async (steps) => {
    const w1 = tf.variable(tf.tensor2d(transposed(init.w1, hidden, inputs), [inputs, hidden]));
    const b1 = tf.variable(tf.tensor1d(Float32Array.from(init.b1)));
    const w2 = tf.variable(tf.tensor2d(transposed(init.w2, classes, hidden), [hidden, classes]));
    const b2 = tf.variable(tf.tensor1d(Float32Array.from(init.b2)));
    const optimizer = tf.train.sgd(lr);
    const start = performance.now();
    for (let s = 0; s < steps; s++) {
      const { x, y } = data[s % data.length]!;
      tf.tidy(() => {
        optimizer.minimize(() => {
          const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
          return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h, w2), b2));
        });
      });
    }
    const values = {
      w1: (await w1.data()) as Float32Array,
      b1: (await b1.data()) as Float32Array,
      w2: (await w2.data()) as Float32Array,
      b2: (await b2.data()) as Float32Array,
    };
    const ms = (performance.now() - start) / steps;
    tf.dispose([w1, b1, w2, b2]);
    optimizer.dispose();
    return [
      ms,
      {
        w1: transposed(values.w1, inputs, hidden),
        b1: values.b1,
        w2: transposed(values.w2, hidden, classes),
        b2: values.b2,
      },
    ];
  };
}
