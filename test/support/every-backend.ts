// Runs a test body on every available backend (one test each), for both float dtypes.
import { test } from "node:test";
import * as gradus from "../../src/node.js";
import type { BackendName, DType } from "../../src/node.js";

export const FLOAT_DTYPES = ["float32", "float64"] as const satisfies readonly DType[];

/** One test per backend named `name (backend)`, running `body` for each dtype (float32 and float64). */
export function onEveryBackend(
  name: string,
  body: (dtype: DType) => void,
  dtypes: readonly DType[] = FLOAT_DTYPES,
): void {
  for (const backend of gradus.availableBackends() as BackendName[]) {
    test(`${name} (${backend})`, () => {
      const previous = gradus.getBackend() as BackendName;
      gradus.setBackend(backend);
      try {
        for (const dtype of dtypes) body(dtype);
      } finally {
        gradus.setBackend(previous);
      }
    });
  }
}
