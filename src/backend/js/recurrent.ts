// The recurrent step kernels of the js backend: the reference the native ones are checked against
// (float64 arithmetic, rounded once when stored into a float32 array).
import type {
  GruStep,
  GruStepBackward,
  LstmStep,
  LstmStepBackward,
  RnnStep,
  RnnStepBackward,
  StepRows,
} from "../recurrent-kernels.js";

const sigmoid = (v: number): number => {
  // NOTE: split by sign so that exp never overflows
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
};

const isActive = ({ lengths, step }: StepRows, row: number): boolean =>
  lengths === null || step < lengths[row]!;

export function lstmStep(s: LstmStep): void {
  const { rows, hidden: H, x, xAt, product, h, hAt, c, cAt, saved, savedAt } = s;
  for (let n = 0; n < rows; n++) {
    const [hPrev, cPrev] = [hAt + n * H, cAt + n * H];
    const [hNew, cNew] = [hPrev + rows * H, cPrev + rows * H];
    const keep = savedAt + n * 5 * H;
    if (!isActive(s, n)) {
      for (let j = 0; j < H; j++) {
        h[hNew + j] = h[hPrev + j]!;
        c[cNew + j] = c[cPrev + j]!;
      }
      saved?.fill(0, keep, keep + 5 * H);
      continue;
    }
    const [xRow, pRow] = [xAt + n * 4 * H, n * 4 * H];
    for (let j = 0; j < H; j++) {
      const i = sigmoid(x[xRow + j]! + product[pRow + j]!);
      const f = sigmoid(x[xRow + H + j]! + product[pRow + H + j]!);
      const g = Math.tanh(x[xRow + 2 * H + j]! + product[pRow + 2 * H + j]!);
      const o = sigmoid(x[xRow + 3 * H + j]! + product[pRow + 3 * H + j]!);
      const cell = f * c[cPrev + j]! + i * g;
      const tanhCell = Math.tanh(cell);
      c[cNew + j] = cell;
      h[hNew + j] = o * tanhCell;
      if (saved === null) continue;
      saved[keep + j] = i;
      saved[keep + H + j] = f;
      saved[keep + 2 * H + j] = g;
      saved[keep + 3 * H + j] = o;
      saved[keep + 4 * H + j] = tanhCell;
    }
  }
}

export function lstmStepBackward(s: LstmStepBackward): void {
  const { rows, hidden: H, saved, savedAt, c, cAt, dh, dhAt, recurrent, dc, dcAt } = s;
  const { dGates, dGatesAt } = s;
  for (let n = 0; n < rows; n++) {
    const [dhPrev, dcPrev] = [dhAt + n * H, dcAt + n * H];
    const [dhNew, dcNew] = [dhPrev + rows * H, dcPrev + rows * H];
    const out = dGatesAt + n * 4 * H;
    const active = isActive(s, n);
    if (!active) dGates.fill(0, out, out + 4 * H);
    for (let j = 0; j < H; j++) {
      const dH = dh[dhNew + j]! + (recurrent === null ? 0 : recurrent[n * H + j]!);
      if (!active) {
        dh[dhPrev + j] = dh[dhPrev + j]! + dH;
        dc[dcPrev + j] = dc[dcPrev + j]! + dc[dcNew + j]!;
        continue;
      }
      const keep = savedAt + n * 5 * H + j;
      const i = saved[keep]!;
      const f = saved[keep + H]!;
      const g = saved[keep + 2 * H]!;
      const o = saved[keep + 3 * H]!;
      const tanhCell = saved[keep + 4 * H]!;
      // ∂c_t in total: its own gradient plus the path through h_t = o⊙tanh(c_t)
      const dCell = dc[dcNew + j]! + dH * o * (1 - tanhCell * tanhCell);
      dc[dcPrev + j] = dc[dcPrev + j]! + dCell * f;
      dGates[out + j] = dCell * g * i * (1 - i);
      dGates[out + H + j] = dCell * c[cAt + n * H + j]! * f * (1 - f);
      dGates[out + 2 * H + j] = dCell * i * (1 - g * g);
      dGates[out + 3 * H + j] = dH * tanhCell * o * (1 - o);
    }
  }
}

export function gruStep(s: GruStep): void {
  const { rows, hidden: H, x, xAt, product, bias, h, hAt, saved, savedAt } = s;
  for (let n = 0; n < rows; n++) {
    const [hPrev, hNew] = [hAt + n * H, hAt + rows * H + n * H];
    const keep = savedAt + n * 4 * H;
    if (!isActive(s, n)) {
      for (let j = 0; j < H; j++) h[hNew + j] = h[hPrev + j]!;
      saved?.fill(0, keep, keep + 4 * H);
      continue;
    }
    const [xRow, pRow] = [xAt + n * 3 * H, n * 3 * H];
    for (let j = 0; j < H; j++) {
      const hiddenReset = product[pRow + j]! + (bias === null ? 0 : bias[j]!);
      const hiddenUpdate = product[pRow + H + j]! + (bias === null ? 0 : bias[H + j]!);
      const hiddenNew = product[pRow + 2 * H + j]! + (bias === null ? 0 : bias[2 * H + j]!);
      const r = sigmoid(x[xRow + j]! + hiddenReset);
      const z = sigmoid(x[xRow + H + j]! + hiddenUpdate);
      const candidate = Math.tanh(x[xRow + 2 * H + j]! + r * hiddenNew);
      h[hNew + j] = candidate + z * (h[hPrev + j]! - candidate);
      if (saved === null) continue;
      saved[keep + j] = r;
      saved[keep + H + j] = z;
      saved[keep + 2 * H + j] = candidate;
      saved[keep + 3 * H + j] = hiddenNew;
    }
  }
}

export function gruStepBackward(s: GruStepBackward): void {
  const { rows, hidden: H, saved, savedAt, h, hAt, dh, dhAt, recurrent } = s;
  const { dx, dxAt, dProduct, dProductAt } = s;
  for (let n = 0; n < rows; n++) {
    const [dhPrev, dhNew] = [dhAt + n * H, dhAt + rows * H + n * H];
    const [outX, outP] = [dxAt + n * 3 * H, dProductAt + n * 3 * H];
    const active = isActive(s, n);
    if (!active) {
      dx.fill(0, outX, outX + 3 * H);
      dProduct.fill(0, outP, outP + 3 * H);
    }
    for (let j = 0; j < H; j++) {
      const dH = dh[dhNew + j]! + (recurrent === null ? 0 : recurrent[n * H + j]!);
      if (!active) {
        dh[dhPrev + j] = dh[dhPrev + j]! + dH;
        continue;
      }
      const keep = savedAt + n * 4 * H + j;
      const r = saved[keep]!;
      const z = saved[keep + H]!;
      const candidate = saved[keep + 2 * H]!;
      const hiddenNew = saved[keep + 3 * H]!;
      dh[dhPrev + j] = dh[dhPrev + j]! + dH * z;
      const dCandidate = dH * (1 - z) * (1 - candidate * candidate);
      const dz = dH * (h[hAt + n * H + j]! - candidate) * z * (1 - z);
      const dr = dCandidate * hiddenNew * r * (1 - r);
      dx[outX + j] = dProduct[outP + j] = dr;
      dx[outX + H + j] = dProduct[outP + H + j] = dz;
      dx[outX + 2 * H + j] = dCandidate;
      dProduct[outP + 2 * H + j] = dCandidate * r;
    }
  }
}

const activate = (nonlinearity: RnnStep["nonlinearity"], v: number): number =>
  nonlinearity === "tanh" ? Math.tanh(v) : v > 0 || v !== v ? v : 0;

export function rnnStep(s: RnnStep): void {
  const { rows, hidden: H, nonlinearity, x, xAt, product, h, hAt } = s;
  for (let n = 0; n < rows; n++) {
    const [hPrev, hNew] = [hAt + n * H, hAt + rows * H + n * H];
    const active = isActive(s, n);
    for (let j = 0; j < H; j++) {
      h[hNew + j] = active
        ? activate(nonlinearity, x[xAt + n * H + j]! + product[n * H + j]!)
        : h[hPrev + j]!;
    }
  }
}

export function rnnStepBackward(s: RnnStepBackward): void {
  const { rows, hidden: H, nonlinearity, h, hAt, dh, dhAt, recurrent, dPre, dPreAt } = s;
  for (let n = 0; n < rows; n++) {
    const [dhPrev, dhNew, hNew] = [dhAt + n * H, dhAt + rows * H + n * H, hAt + rows * H + n * H];
    const active = isActive(s, n);
    for (let j = 0; j < H; j++) {
      const dH = dh[dhNew + j]! + (recurrent === null ? 0 : recurrent[n * H + j]!);
      if (!active) {
        dh[dhPrev + j] = dh[dhPrev + j]! + dH;
        dPre[dPreAt + n * H + j] = 0;
        continue;
      }
      const value = h[hNew + j]!;
      // tanh′ = 1 − tanh², relu′ = [h > 0], both read off the step's output
      const slope = nonlinearity === "tanh" ? 1 - value * value : value > 0 ? 1 : 0;
      dPre[dPreAt + n * H + j] = dH * slope;
    }
  }
}
