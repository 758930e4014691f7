// Every op, by name: the fluent Tensor methods and the public API delegate here.
export { astype } from "./astype.js";
export { add } from "./add.js";
export { sub } from "./sub.js";
export { mul } from "./mul.js";
export { div } from "./div.js";
export { pow } from "./pow.js";
export { neg, exp, log } from "./unary.js";
export { sum } from "./sum.js";
export { contiguous, reshape, expand, permute, transpose } from "./views.js";
export { matmul } from "./matmul.js";
