// Convolution, pooling and padding: the ops of convolutional networks.
export {
  conv1d,
  conv2d,
  convTranspose2d,
  type Conv1dOptions,
  type Conv2dOptions,
  type ConvTranspose2dOptions,
  type ConvPadding,
  type Pair,
} from "./conv.js";
export {
  maxPool1d,
  maxPool2d,
  avgPool1d,
  avgPool2d,
  type MaxPool1dOptions,
  type MaxPool2dOptions,
  type AvgPool1dOptions,
  type AvgPool2dOptions,
} from "./pool.js";
export { adaptiveAvgPool2d } from "./adaptive-pool.js";
export { pad, type PadMode, type PadOptions } from "./pad.js";
