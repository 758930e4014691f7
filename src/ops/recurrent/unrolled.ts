// The recurrent primitives written op by op (matmul, sigmoid, tanh, where per step): the definition the
// fused kernels must equal, and the graph a backward with createGraph differentiates.
import type { RnnNonlinearity } from "../../backend/recurrent-kernels.js";
import type { Tensor } from "../../tensor/tensor.js";
import { concat } from "../concat.js";
import { where } from "../where.js";
import { stepMasks } from "./sequence-args.js";

/** Gate k of `gates` [rows, count·H] (a column block). */
const gate = (gates: Tensor, k: number, hidden: number): Tensor =>
  gates.slice(1, k * hidden, (k + 1) * hidden);

/** The new state where the row still runs (mask 1), the old one where it has ended. */
const carry = (mask: Tensor | null, next: Tensor, previous: Tensor): Tensor =>
  mask === null ? next : where(mask, next, previous);

/** Stacks [rows, H] states into [count, rows, H]. */
const stacked = (states: readonly Tensor[]): Tensor =>
  concat(
    states.map((state) => state.unsqueeze(0)),
    0,
  );

/** lstmSequence op by op: [h_1 … h_L, c_L] as [L + 1, rows, H]. */
export function lstmUnrolled(
  x: Tensor,
  h0: Tensor,
  c0: Tensor,
  weight: Tensor,
  lengths: Int32Array | null,
): Tensor {
  const hidden = x.shape[2]! / 4;
  const transposed = weight.transpose();
  const outputs: Tensor[] = [];
  let [h, c] = [h0, c0];
  stepMasks(lengths, x.shape[0]!).forEach((mask, step) => {
    const gates = x.at(step).add(h.matmul(transposed));
    const [i, f] = [gate(gates, 0, hidden).sigmoid(), gate(gates, 1, hidden).sigmoid()];
    const [g, o] = [gate(gates, 2, hidden).tanh(), gate(gates, 3, hidden).sigmoid()];
    const cell = f.mul(c).add(i.mul(g));
    [h, c] = [carry(mask, o.mul(cell.tanh()), h), carry(mask, cell, c)];
    outputs.push(h);
  });
  return stacked([...outputs, c]);
}

/** gruSequence op by op: [h_1 … h_L] as [L, rows, H]. */
export function gruUnrolled(
  x: Tensor,
  h0: Tensor,
  weight: Tensor,
  bias: Tensor,
  lengths: Int32Array | null,
): Tensor {
  const hidden = x.shape[2]! / 3;
  const transposed = weight.transpose();
  const outputs: Tensor[] = [];
  let h = h0;
  stepMasks(lengths, x.shape[0]!).forEach((mask, step) => {
    const [input, product] = [x.at(step), h.matmul(transposed).add(bias)];
    const r = gate(input, 0, hidden)
      .add(gate(product, 0, hidden))
      .sigmoid();
    const z = gate(input, 1, hidden)
      .add(gate(product, 1, hidden))
      .sigmoid();
    const n = gate(input, 2, hidden)
      .add(r.mul(gate(product, 2, hidden)))
      .tanh();
    h = carry(mask, n.add(z.mul(h.sub(n))), h);
    outputs.push(h);
  });
  return outputs.length === 0 ? x.slice(2, 0, hidden) : stacked(outputs);
}

/** rnnSequence op by op: [h_1 … h_L] as [L, rows, H]. */
export function rnnUnrolled(
  x: Tensor,
  h0: Tensor,
  weight: Tensor,
  nonlinearity: RnnNonlinearity,
  lengths: Int32Array | null,
): Tensor {
  const transposed = weight.transpose();
  const outputs: Tensor[] = [];
  let h = h0;
  stepMasks(lengths, x.shape[0]!).forEach((mask, step) => {
    const pre = x.at(step).add(h.matmul(transposed));
    h = carry(mask, nonlinearity === "tanh" ? pre.tanh() : pre.relu(), h);
    outputs.push(h);
  });
  return outputs.length === 0 ? x : stacked(outputs);
}
