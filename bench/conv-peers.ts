// The runners of the conv2d benchmark: gradus (any backend), PyTorch (bench/conv-torch.py), TF.js wasm
// and jax-js (jit). Each trains nothing: one step is conv2d(x, w, b, padding 1) forward and backward to
// ∂x, ∂w, ∂b for a fixed output gradient, and every runner returns its last step's gradients (NCHW).
import { conv2d, setBackend, setNumThreads, Tensor, type BackendName } from "../src/node.js";
import { PythonInputs, type Jax, type Tf } from "./peers.js";
import { runTorch } from "./torch-peer.js";

/** One convolution: x [n, c, h, h], w [o, c, 3, 3], b [o] and the output gradient gy [n, o, h, h]. */
export interface ConvProblem {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly o: number;
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly gy: Float32Array;
}

export interface ConvGrads {
  readonly x: ArrayLike<number>;
  readonly w: ArrayLike<number>;
  readonly b: ArrayLike<number>;
}

/** Runs `steps` steps; resolves to [ms of each step, the last step's gradients]. */
export type ConvSteps = (steps: number) => Promise<[number[], ConvGrads]>;

/** A [d0, d1, d2, d3] array with its axes reordered by `axes` (a copy). */
export function permute4(
  data: ArrayLike<number>,
  shape: readonly number[],
  axes: readonly number[],
): Float32Array {
  const out = new Float32Array(data.length);
  const strides = [shape[1]! * shape[2]! * shape[3]!, shape[2]! * shape[3]!, shape[3]!, 1];
  const [s0, s1, s2, s3] = axes.map((axis) => strides[axis]!) as [number, number, number, number];
  const [e0, e1, e2, e3] = axes.map((axis) => shape[axis]!) as [number, number, number, number];
  let at = 0;
  for (let i = 0; i < e0; i++)
    for (let j = 0; j < e1; j++)
      for (let k = 0; k < e2; k++)
        for (let l = 0; l < e3; l++) out[at++] = data[i * s0 + j * s1 + k * s2 + l * s3]!;
  return out;
}

/** gradus through the public API on `backend`, one thread. */
export function gradusConv(backend: BackendName, p: ConvProblem): ConvSteps {
  const leaf = (data: Float32Array, shape: number[]) => new Tensor(data, shape).requiresGrad_();
  const x = leaf(p.x, [p.n, p.c, p.h, p.h]);
  const w = leaf(p.w, [p.o, p.c, 3, 3]);
  const b = leaf(p.b, [p.o]);
  const gy = new Tensor(p.gy, [p.n, p.o, p.h, p.h]);
  return (steps) => {
    setBackend(backend);
    setNumThreads(1);
    const ms: number[] = [];
    for (let s = 0; s < steps; s++) {
      const start = performance.now();
      for (const t of [x, w, b]) t.zeroGrad();
      conv2d(x, w, { bias: b, padding: 1 }).backward(gy);
      ms.push(performance.now() - start);
    }
    return Promise.resolve([ms, { x: x.grad!.data, w: w.grad!.data, b: b.grad!.data }]);
  };
}

/** PyTorch CPU (oneDNN) on one thread, in a python process per call. */
export function torchConv(p: ConvProblem): ConvSteps & { dispose(): void } {
  const files = new PythonInputs();
  const paths = [p.x, p.w, p.b, p.gy].map((data, i) => files.write(`${i}.bin`, data));
  const out = files.write("out.bin", new Float32Array(0));
  const run = (steps: number): Promise<[number[], ConvGrads]> => {
    const args = [...paths, out, ...[p.n, p.c, p.h, p.o, steps].map(String)];
    const result = runTorch<{ ms: number[]; version: string }>("./conv-torch.py", args);
    if ("skipped" in result) return Promise.reject(new Error(result.skipped));
    const flat = new Float32Array(files.read("out.bin"));
    const [nx, nw] = [p.x.length, p.w.length];
    return Promise.resolve([
      result.ms,
      { x: flat.subarray(0, nx), w: flat.subarray(nx, nx + nw), b: flat.subarray(nx + nw) },
    ]);
  };
  return Object.assign(run, { dispose: () => files.dispose() });
}

/**
 * TF.js on its wasm backend. Its wasm kernels have no Conv2DBackpropFilter, so the convolution is
 * written as conv3d over a depth of 1 (NDHWC), whose forward and both gradients run in wasm.
 */
export function tfjsConv(tf: Tf, p: ConvProblem): ConvSteps {
  const x = tf.tensor5d(permute4(p.x, [p.n, p.c, p.h, p.h], [0, 2, 3, 1]), [p.n, 1, p.h, p.h, p.c]);
  const w = tf.tensor5d(permute4(p.w, [p.o, p.c, 3, 3], [2, 3, 1, 0]), [1, 3, 3, p.c, p.o]);
  const b = tf.tensor1d(p.b);
  const gy = tf.tensor5d(permute4(p.gy, [p.n, p.o, p.h, p.h], [0, 2, 3, 1]), [
    p.n,
    1,
    p.h,
    p.h,
    p.o,
  ]);
  const grads = tf.grads((xs: TfTensor, ws: TfTensor, bs: TfTensor) =>
    tf.sum(tf.mul(tf.add(tf.conv3d(xs as never, ws as never, 1, "same"), bs), gy)),
  );
  return async (steps) => {
    const ms: number[] = [];
    let last: Float32Array[] = [];
    for (let s = 0; s < steps; s++) {
      const start = performance.now();
      const [dx, dw, db] = grads([x, w, b]);
      last = [
        (await dx!.data()) as Float32Array,
        (await dw!.data()) as Float32Array,
        (await db!.data()) as Float32Array,
      ];
      ms.push(performance.now() - start);
      tf.dispose([dx!, dw!, db!]);
    }
    return [
      ms,
      {
        x: permute4(last[0]!, [p.n, p.h, p.h, p.c], [0, 3, 1, 2]),
        w: permute4(last[1]!, [3, 3, p.c, p.o], [3, 2, 0, 1]),
        b: last[2]!,
      },
    ];
  };
}
type TfTensor = ReturnType<Tf["tensor"]>;

/** jax-js on wasm: the loss's gradient under one jit (NCHW, as lax.conv). */
export function jaxConv(jax: Jax, p: ConvProblem): ConvSteps {
  const np = jax.numpy;
  type JArray = ReturnType<typeof np.array>;
  type Params = { x: JArray; w: JArray; b: JArray };
  const params: Params = {
    x: np.array(p.x).reshape([p.n, p.c, p.h, p.h]),
    w: np.array(p.w).reshape([p.o, p.c, 3, 3]),
    b: np.array(p.b),
  };
  const gy = np.array(p.gy).reshape([p.n, p.o, p.h, p.h]);
  const loss = (q: Params, g: JArray): JArray =>
    jax.lax
      .conv(
        q.x,
        q.w,
        [1, 1],
        [
          [1, 1],
          [1, 1],
        ],
      )
      .add(q.b.reshape([1, p.o, 1, 1]))
      .mul(g)
      .sum();
  const step = jax.jit((q: Params, g: JArray): Params => jax.grad(loss)(q, g));
  return async (steps) => {
    const ms: number[] = [];
    let last: Float32Array[] = [];
    for (let s = 0; s < steps; s++) {
      const start = performance.now();
      const g = step({ x: params.x.ref, w: params.w.ref, b: params.b.ref }, gy.ref);
      last = [
        (await g.x.data()) as Float32Array,
        (await g.w.data()) as Float32Array,
        (await g.b.data()) as Float32Array,
      ];
      ms.push(performance.now() - start);
    }
    return [ms, { x: last[0]!, w: last[1]!, b: last[2]! }];
  };
}
