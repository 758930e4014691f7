// The optimizers' in-place update θ ← θ − α·g on every backend: sizes around the kernel threshold,
// float32/float64, strided and broadcast gradients, parameters at a storage offset, against float64.
import assert from "node:assert/strict";
import { test } from "node:test";
import { subtractScaledInPlace } from "../../src/ops/in-place.js";
import {
  getBackend,
  optim,
  setBackend,
  Tensor,
  tensor,
  type BackendName,
  type DType,
} from "../../src/index.js";
import { assertClose, BACKENDS, newArray, seeded } from "./support.js";

const SIZES = [1, 17, 4095, 4096, 9000];

function randomTensor(random: () => number, dtype: DType, size: number, offset = 0): Tensor {
  const data = newArray(dtype, size + offset);
  for (let i = 0; i < data.length; i++) data[i] = 4 * random() - 2;
  return new Tensor(data, [size], undefined, offset);
}

/** The expected θ − α·g in float64 from copies taken before the update. */
function expected(theta: ArrayLike<number>, gradient: ArrayLike<number>, rate: number): number[] {
  return Array.from(theta, (value, i) => value - rate * gradient[i]!);
}

for (const backend of BACKENDS) {
  test(`${backend.name}: subtractScaledInPlace matches θ − α·g for every size, dtype and layout`, () => {
    const previous = getBackend() as BackendName;
    setBackend(backend.name as BackendName);
    try {
      const random = seeded(5);
      for (const dtype of ["float32", "float64"] as const)
        for (const size of SIZES) {
          const rtol = dtype === "float32" ? 1e-6 : 1e-14;
          // a parameter at a storage offset, with its neighbours left untouched
          const theta = randomTensor(random, dtype, size, 3);
          const before = Array.from(theta.data);
          const gradient = randomTensor(random, dtype, size);
          subtractScaledInPlace(theta, gradient, 0.25);
          const want = expected(before.slice(3), gradient.dataSync(), 0.25);
          assertClose(theta.dataSync(), want, rtol, rtol, `${dtype} n=${size} offset`);
          assert.deepEqual(Array.from(theta.data.subarray(0, 3)), before.slice(0, 3));
          // a transposed gradient and a broadcast (stride-0) gradient
          const rows = Math.max(1, Math.floor(size / 7));
          const matrix = randomTensor(random, dtype, rows * 7).reshape([rows, 7]);
          const transposed = randomTensor(random, dtype, 7 * rows)
            .reshape([7, rows])
            .transpose();
          const broadcast = randomTensor(random, dtype, 7).reshape([1, 7]).expand([rows, 7]);
          for (const [label, g] of [
            ["transposed", transposed],
            ["broadcast", broadcast],
          ] as const) {
            const start = matrix.dataSync();
            subtractScaledInPlace(matrix, g, -1.5);
            const want2 = expected(start, g.dataSync(), -1.5);
            assertClose(matrix.dataSync(), want2, rtol, rtol, `${dtype} n=${rows * 7} ${label}`);
          }
        }
    } finally {
      setBackend(previous);
    }
  });

  test(`${backend.name}: SGD (plain, weight decay, momentum) steps agree with float64 loops`, () => {
    const previous = getBackend() as BackendName;
    setBackend(backend.name as BackendName);
    try {
      const random = seeded(11);
      for (const options of [{}, { weightDecay: 0.1 }, { momentum: 0.9, nesterov: true }]) {
        const initial = Array.from({ length: 5000 }, () => 2 * random() - 1);
        const gradients = [0, 1, 2].map(() => Array.from(initial, () => 2 * random() - 1));
        const weight = tensor(initial, { dtype: "float64", requiresGrad: true });
        const optimizer = new optim.SGD([weight], { lr: 0.1, ...options });
        const theta = [...initial];
        const buffer = new Array<number>(theta.length).fill(0);
        const {
          weightDecay = 0,
          momentum = 0,
          nesterov = false,
        } = options as {
          weightDecay?: number;
          momentum?: number;
          nesterov?: boolean;
        };
        for (const g of gradients) {
          weight.grad = tensor(g, { dtype: "float64" });
          optimizer.step();
          theta.forEach((value, i) => {
            const d = g[i]! + weightDecay * value;
            buffer[i] = momentum * buffer[i]! + d;
            const direction =
              momentum === 0 ? d : nesterov ? d + momentum * buffer[i]! : buffer[i]!;
            theta[i] = value - 0.1 * direction;
          });
        }
        assertClose(weight.dataSync(), theta, 1e-12, 1e-12, `SGD ${JSON.stringify(options)}`);
      }
    } finally {
      setBackend(previous);
    }
  });
}
