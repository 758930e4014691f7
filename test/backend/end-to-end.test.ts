// End to end on each backend: a small network's forward pass and backward pass (matmul, broadcast add,
// tanh, softmax, reductions, take) agree with the same computation on the js backend.
import { test } from "node:test";
import {
  getBackend,
  setBackend,
  tensor,
  type BackendName,
  type DType,
  type Tensor,
} from "../../src/index.js";
import { assertClose, BACKENDS, seeded } from "./support.js";

function values(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => 2 * random() - 1);
}

/** Loss and gradients of a 2-layer network on fixed data, computed on the active backend. */
function run(dtype: DType, batch: number): Float64Array[] {
  const random = seeded(batch);
  const x = tensor(values(random, batch * 40), { dtype }).reshape([batch, 40]);
  const w1 = tensor(values(random, 40 * 70), { dtype, requiresGrad: true });
  const b1 = tensor(values(random, 70), { dtype, requiresGrad: true });
  const w2 = tensor(values(random, 70 * 10), { dtype, requiresGrad: true });
  const weights: Tensor[] = [w1, b1, w2];
  const hidden = x
    .matmul(w1.reshape([40, 70]))
    .add(b1)
    .tanh();
  const logits = hidden.matmul(w2.reshape([10, 70]).transpose());
  const probabilities = logits.softmax(-1);
  const loss = probabilities.mul(logits.exp().sqrt()).sum().add(hidden.square().mean());
  loss.backward();
  return [loss, ...weights.map((weight) => weight.grad!)].map((t) =>
    Float64Array.from(t.contiguous().data),
  );
}

for (const backend of BACKENDS) {
  test(`${backend.name}: forward and backward of a small network match js`, () => {
    const previous = getBackend() as BackendName;
    try {
      for (const dtype of ["float32", "float64"] as const)
        for (const batch of [1, 17, 256]) {
          setBackend("js");
          const expected = run(dtype, batch);
          setBackend(backend.name as BackendName);
          const actual = run(dtype, batch);
          const rtol = dtype === "float64" ? 1e-11 : 2e-4;
          expected.forEach((reference, i) =>
            assertClose(actual[i]!, reference, rtol, rtol, `${dtype} B=${batch} output ${i}`),
          );
        }
    } finally {
      setBackend(previous);
    }
  });
}
