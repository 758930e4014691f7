// Gradient-case builders of the elementwise rows: random shapes, operands broadcast against each other.
import type { Tensor } from "../../tensor/tensor.js";
import {
  broadcastableTo,
  gridValues,
  shapeOf,
  values,
  type CaseBuilder,
  type Domain,
} from "./random-inputs.js";

/** f of one random tensor (rank 0–3, sometimes a transposed view) with values in `domain`. */
export function unaryCase(f: (x: Tensor) => Tensor, domain?: Domain): CaseBuilder {
  return (g) => ({ inputs: [values(g, shapeOf(g), domain)], f });
}

/** Two operands whose shapes broadcast to a common random shape (either may be the smaller). */
export function binaryCase(
  f: (a: Tensor, b: Tensor) => Tensor,
  a?: Domain,
  b?: Domain,
): CaseBuilder {
  return (g) => {
    const full = shapeOf(g);
    return {
      inputs: [values(g, broadcastableTo(g, full), a), values(g, broadcastableTo(g, full), b)],
      f,
    };
  };
}

/** Operands on grids 0.1 apart (maximum, minimum, clamp): never a tie within the difference step. */
export function untiedPairCase(f: (a: Tensor, b: Tensor) => Tensor): CaseBuilder {
  return (g) => {
    const full = shapeOf(g);
    return {
      inputs: [
        gridValues(g, broadcastableTo(g, full), 0),
        gridValues(g, broadcastableTo(g, full), 0.1),
      ],
      f,
    };
  };
}

/** f of one tensor on the grid 0.2·k + 0.1: away from the kinks at 0 and at the grid of 0.2·k. */
export function gridCase(f: (x: Tensor) => Tensor): CaseBuilder {
  return (g) => ({ inputs: [gridValues(g, shapeOf(g), 0.1)], f });
}

// NOTE: functions, not constants: rows are built while their modules still import each other.
export function positive(): Domain {
  return { low: 0.5, high: 2 };
}
export function awayFromZero(): Domain {
  return { low: 0.1, high: 2, signed: true };
}
