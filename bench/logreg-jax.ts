// The jax-js peer of the logistic-regression epoch: one jit-compiled step (gather, grad, SGD update).
import type { Jax } from "./peers.js";
import type { Weights } from "./logreg-reference.js";

/** An epoch function over fixed data: returns [seconds, final weights]; the first call compiles. */
export function jaxLogregEpoch(
  jax: Jax,
  xs: Float32Array,
  ys: Float32Array,
  order: readonly Int32Array[],
  lr: number,
): () => Promise<[number, Weights]> {
  const np = jax.numpy;
  type JArray = ReturnType<typeof np.array>;
  type Params = { w: JArray; b: JArray };
  const d = xs.length / ys.length;
  const X = np.array(xs).reshape([ys.length, d]);
  const y = np.array(ys);
  // mean of softplus(z) − y·z: binary cross-entropy from the logits z = Xw + b
  const loss = (p: Params, xb: JArray, yb: JArray): JArray => {
    const z = np.matmul(xb, p.w).add(p.b);
    return jax.nn.softplus(z.ref).sub(z.mul(yb)).mean();
  };
  const step = jax.jit((p: Params, data: JArray, labels: JArray, index: JArray): Params => {
    const xb = np.take(data, index.ref, 0);
    const yb = np.take(labels, index, 0);
    const g = jax.grad(loss)({ w: p.w.ref, b: p.b.ref }, xb, yb);
    return { w: p.w.sub(g.w.mul(lr)), b: p.b.sub(g.b.mul(lr)) };
  });
  const batches = order.map((batch) => Int32Array.from(batch));
  return async () => {
    let p: Params = { w: np.zeros([d]), b: np.zeros([]) };
    const start = performance.now();
    for (const batch of batches) {
      p = step(p, X.ref, y.ref, np.array(batch, { dtype: np.int32 }));
    }
    const w = (await p.w.data()) as Float32Array;
    const seconds = (performance.now() - start) / 1000;
    const b = ((await p.b.data()) as Float32Array)[0]!;
    return [seconds, { w, b }];
  };
}
