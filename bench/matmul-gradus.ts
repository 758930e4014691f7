// The gradus side of the matmul benchmark: the public matmul (fresh output each call), or the active
// backend's kernel writing into a reused output (what the kernel alone reaches), checked either way.
import { backendByName } from "../src/backend/registry.js";
import { matmul, setBackend, setNumThreads, tensor, type BackendName } from "../src/node.js";
import { gflops, productError, randomMatrix } from "./matmul-peers.js";

/** GFLOP/s of an n×n×n product on `backend` with `threads` threads. */
export async function gradusMatmul(
  backend: BackendName,
  n: number,
  dtype: "float32" | "float64",
  threads: number,
  output: "fresh" | "reused" = "fresh",
): Promise<number> {
  setBackend(backend);
  setNumThreads(threads);
  const a = randomMatrix(n, 1);
  const b = randomMatrix(n, 2);
  const ta = tensor(a, { dtype }).reshape([n, n]);
  const tb = tensor(b, { dtype }).reshape([n, n]);
  const reused = dtype === "float32" ? new Float32Array(n * n) : new Float64Array(n * n);
  const view = (t: typeof ta) => ({
    data: t.data,
    shape: [1, n, n],
    strides: [0, n, 1],
    offset: 0,
  });
  const kernel = backendByName(backend)!;
  let last: ArrayLike<number> = [];
  const repeats = backend === "js" ? 3 : n >= 1024 ? 5 : 7;
  const run =
    output === "fresh"
      ? () => (last = matmul(ta, tb).data)
      : () => kernel.matmul({ a: view(ta), b: view(tb), out: (last = reused) });
  const rate = await gflops(n, repeats, run);
  const error = productError(a, b, last, n);
  if (!(error < (dtype === "float32" ? 1e-4 : 1e-12)))
    throw new Error(`gradus ${backend} matmul n=${n} ${dtype}: error ${error}`);
  return rate;
}
