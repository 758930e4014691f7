// The LayerNorm of the transformer blocks: swap this one line for nn.LayerNorm once it lands.
export { CompositeLayerNorm as LayerNorm } from "./layer-norm-composite.js";
