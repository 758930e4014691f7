// The js backend: plain TypeScript loops for every dtype, the reference that defines correct results.
import type { Backend } from "../backend.js";
import { binary, copy, unary, where } from "./elementwise.js";
import { gather, scatterAdd, take, takeAdd } from "./indexing.js";
import { sigmoidCrossEntropy } from "./losses.js";
import { matmul } from "./matmul.js";
import { preparedProducts } from "./prepared.js";
import { reduce } from "./reduce.js";
import {
  gruStep,
  gruStepBackward,
  lstmStep,
  lstmStepBackward,
  rnnStep,
  rnnStepBackward,
} from "./recurrent.js";
import { csrMatmul, csrTransposeMatmul } from "./sparse.js";

export const jsBackend: Backend = {
  name: "js",
  unary,
  binary,
  reduce,
  matmul,
  copy,
  gather,
  scatterAdd,
  take,
  takeAdd,
  where,
  csrMatmul,
  csrTransposeMatmul,
  sigmoidCrossEntropy,
  lstmStep,
  lstmStepBackward,
  gruStep,
  gruStepBackward,
  rnnStep,
  rnnStepBackward,
  ...preparedProducts(matmul),
};
