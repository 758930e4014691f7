// Gradient cases of the primitives that nn's layers use but the library does not export: linearRelu
// (Sequential-free feed-forward blocks) and packedSelfAttention (MultiheadAttention's self-attention
// fast path). gradus gradcheck --all and their tests run the same cases.
import type { CaseBuilder } from "../ops/op-row.js";
import { between, pick, values } from "../ops/cases/random-inputs.js";
import { linearRelu } from "../ops/linear-relu.js";
import { packedSelfAttention } from "../ops/packed-self-attention.js";
import type { Generator } from "../tensor/random.js";

/** x [rows, in] and W [out, in] (and b [out]); relu's kink is met with probability 0 at random inputs. */
const linearReluCase =
  (withBias: boolean): CaseBuilder =>
  (g) => {
    const [rows, inFeatures, outFeatures] = [between(g, 1, 3), between(g, 1, 3), between(g, 1, 3)];
    const inputs = [values(g, [rows, inFeatures]), values(g, [outFeatures, inFeatures])];
    if (withBias) inputs.push(values(g, [outFeatures]));
    return { inputs, f: (x, w, b) => linearRelu(x!, w!, b ?? null) };
  };

/** Packed [N, T, 3E] with E = heads·hd, and the op with options drawn by `options`. */
const packedCase =
  (options: (g: Generator) => { causal: boolean; dropout: number }): CaseBuilder =>
  (g) => {
    const [heads, headDim] = [pick(g, [1, 2]), between(g, 1, 2)];
    const [N, T] = [between(g, 1, 2), between(g, 1, 3)];
    const { causal, dropout } = options(g);
    const seed: [number, number] = [g.integer(1000), g.integer(1000)];
    return {
      inputs: [values(g, [N, T, 3 * heads * headDim])],
      f: (packed) =>
        packedSelfAttention(packed!, {
          heads,
          causal,
          dropout: dropout === 0 ? null : { p: dropout, seed },
        }),
    };
  };

/** The unexported primitives by name (merged into nnChecks). */
export const internalChecks: Readonly<Record<string, readonly CaseBuilder[]>> = {
  linearRelu: [linearReluCase(true), linearReluCase(false)],
  packedSelfAttention: [
    packedCase(() => ({ causal: false, dropout: 0 })),
    packedCase(() => ({ causal: true, dropout: 0 })),
    packedCase((g) => ({ causal: g.uniform() < 0.5, dropout: pick(g, [0.2, 0.5]) })),
  ],
};
