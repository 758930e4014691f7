// The js backend: plain TypeScript loops for every dtype, the reference that defines correct results.
import type { Backend } from "../backend.js";
import { attentionBackward, attentionForward } from "./attention.js";
import { conv2d, conv2dTranspose, conv2dWeight } from "./conv.js";
import { binary, copy, unary, where } from "./elementwise.js";
import { gather, scatterAdd, take, takeAdd } from "./indexing.js";
import { sigmoidCrossEntropy } from "./losses.js";
import { matmul } from "./matmul.js";
import {
  channelNormBackward,
  channelNormForward,
  rowNormBackward,
  rowNormForward,
} from "./normalization.js";
import { adamUpdate, sgdUpdate, sparseAdamUpdate } from "./optimizer.js";
import { avgPool2d, avgPool2dTranspose, maxPool2d, maxUnpool2d } from "./pool.js";
import { preparedProducts } from "./prepared.js";
import { logSumExpRows, softmaxCrossEntropyGrad } from "./softmax.js";
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
  attentionForward,
  attentionBackward,
  rowNormForward,
  rowNormBackward,
  channelNormForward,
  channelNormBackward,
  conv2d,
  conv2dTranspose,
  conv2dWeight,
  maxPool2d,
  maxUnpool2d,
  avgPool2d,
  avgPool2dTranspose,
  lstmStep,
  lstmStepBackward,
  gruStep,
  gruStepBackward,
  rnnStep,
  rnnStepBackward,
  ...preparedProducts(matmul),
  logSumExpRows,
  softmaxCrossEntropyGrad,
  adamUpdate,
  sgdUpdate,
  sparseAdamUpdate,
};
