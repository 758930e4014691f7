// Module: a forward function with named, nested parameters (the tree behind safetensors names).
import { noGrad } from "../autodiff/index.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

/** Parameter values by dotted name, e.g. "layers.0.weight" (the names safetensors files use). */
export type StateDict = Record<string, Tensor>;

/** Thrown by loadStateDict: names the missing and unexpected keys or the mismatched shapes. */
export class StateDictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateDictError";
  }
}

/**
 * The base of every layer and model. Parameters are the own properties holding tensors that require
 * gradients; sub-modules are own properties holding a Module or an array of Modules (named by index).
 * @example class Affine extends nn.Module { weight = randn([3], { requiresGrad: true }); forward(x: Tensor) { return x.mul(this.weight); } }
 */
export abstract class Module {
  /** True in training mode (dropout active), false after eval(). */
  training = true;

  abstract forward(x: Tensor): Tensor;

  /** The direct sub-modules by name, in declaration order. */
  namedChildren(): [string, Module][] {
    const children: [string, Module][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Module) children.push([name, value]);
      else if (Array.isArray(value) && value.every((item) => item instanceof Module)) {
        value.forEach((child: Module, index) => children.push([`${name}.${index}`, child]));
      }
    }
    return children;
  }

  /** Every parameter with its dotted path ("layers.0.weight"), own parameters first. */
  namedParameters(prefix = ""): [string, Tensor][] {
    const result: [string, Tensor][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (value instanceof Tensor && value.requiresGrad) result.push([prefix + name, value]);
    }
    for (const [name, child] of this.namedChildren()) {
      result.push(...child.namedParameters(`${prefix}${name}.`));
    }
    return result;
  }

  /** The parameters (each once, in namedParameters order), ready for an optimizer. */
  parameters(): Tensor[] {
    return [...new Set(this.namedParameters().map(([, parameter]) => parameter))];
  }

  /** Switches this module and its sub-modules to training mode (or evaluation mode with false). */
  train(mode = true): this {
    this.training = mode;
    for (const [, child] of this.namedChildren()) child.train(mode);
    return this;
  }

  /** Switches to evaluation mode (dropout becomes the identity). */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter. */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.zeroGrad();
  }

  /** Copies of the parameter values by dotted name (later training does not change them). */
  stateDict(): StateDict {
    const state: StateDict = {};
    for (const [name, parameter] of this.namedParameters()) state[name] = copyOf(parameter);
    return state;
  }

  /** Copies values into the parameters in place (optimizers keep working); throws on any mismatch. */
  loadStateDict(state: StateDict): void {
    const named = new Map(this.namedParameters());
    const missing = [...named.keys()].filter((name) => !(name in state));
    const unexpected = Object.keys(state).filter((name) => !named.has(name));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new StateDictError(
        `loadStateDict: missing keys [${missing.join(", ")}], unexpected keys [${unexpected.join(", ")}]`,
      );
    }
    for (const [name, parameter] of named) {
      const value = state[name]!;
      if (!sameShape(value.shape, parameter.shape)) {
        throw new ShapeError(
          `loadStateDict: "${name}" has shape ${formatShape(value.shape)} in the state dict but ${formatShape(parameter.shape)} in the model`,
        );
      }
    }
    noGrad(() => {
      for (const [name, parameter] of named) writeInto(parameter, state[name]!);
    });
  }
}

/** A contiguous copy of `x`'s values as a new leaf. */
function copyOf(x: Tensor): Tensor {
  return new Tensor(x.dataSync(), x.shape);
}

/** Overwrites the elements of the contiguous leaf `target` with those of `source` (converting dtype). */
export function writeInto(target: Tensor, source: Tensor): void {
  if (target.contiguous() !== target) {
    throw new Error(`writeInto: parameter of shape ${formatShape(target.shape)} is not contiguous`);
  }
  target.data.set(source.dataSync(), target.offset);
}
