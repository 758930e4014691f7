// The public surface of gradus. Export by name only; internals stay private.
export { noGrad, enableGrad, isGradEnabled, CycleError } from "./autodiff/index.js";
