// functionalCall: a module's forward with some parameters or buffers replaced by given tensors (as
// torch.func.functional_call), e.g. to differentiate a model in its weights with grad() or gradcheck.
import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "./module.js";
import { StateDictError } from "./module.js";

/** The module that owns the dotted `key` and the property behind its last part. */
function resolve(module: Module<never[], unknown>, key: string): [Record<string, unknown>, string] {
  for (const [name, child] of module.namedChildren()) {
    if (key.startsWith(`${name}.`)) return resolve(child, key.slice(name.length + 1));
  }
  const property = module.propertyOf(key);
  if (property === undefined)
    throw new StateDictError(`functionalCall: no parameter or buffer "${key}"`);
  return [module as unknown as Record<string, unknown>, property];
}

/**
 * Runs `module.forward(...inputs)` with the parameters and buffers named in `tensors` (state-dict
 * keys) replaced by those tensors, then puts the module's own back (also when forward throws).
 * @example const f = (w: Tensor) => nn.functionalCall(model, { weight: w }, x).sum(); grad(f)(model.weight);
 */
export function functionalCall<Inputs extends unknown[], Output>(
  module: Module<Inputs, Output>,
  tensors: Readonly<Record<string, Tensor>>,
  ...inputs: Inputs
): Output {
  const saved: [Record<string, unknown>, string, unknown][] = [];
  try {
    for (const [key, tensor] of Object.entries(tensors)) {
      const [owner, property] = resolve(module as unknown as Module<never[], unknown>, key);
      saved.push([owner, property, owner[property]]);
      owner[property] = tensor;
    }
    return module.forward(...inputs);
  } finally {
    for (const [owner, property, value] of saved.reverse()) owner[property] = value;
  }
}
