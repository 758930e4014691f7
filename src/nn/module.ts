// Module: a forward function of one or more inputs with named, nested parameters and buffers (the tree
// behind state-dict and safetensors names, which follow PyTorch's for the same layer).
import { noGrad } from "../autodiff/index.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

/** Parameter and buffer values by dotted name, e.g. "layers.0.weight" (the names safetensors files use). */
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
 * gradients; buffers are tensors declared with `registerBuffer` (state that is not trained, such as
 * running statistics); sub-modules are own properties holding a Module or an array of Modules (named
 * by index). `forward` takes one tensor by default; a module of several inputs says so in its type
 * parameters (`Module<[Tensor, Tensor, Tensor], [Tensor, Tensor | null]>` for attention).
 * @example class Affine extends nn.Module { weight = randn([3], { requiresGrad: true }); forward(x: Tensor) { return x.mul(this.weight); } }
 */
export abstract class Module<Inputs extends unknown[] = [Tensor], Output = Tensor> {
  /** True in training mode (dropout active, batch statistics), false after eval(). */
  training = true;
  /** Buffer property → state-dict key; parameter property → key where PyTorch's name differs. */
  readonly #buffers = new Map<string, string>();
  readonly #renamed = new Map<string, string>();

  abstract forward(...inputs: Inputs): Output;

  /**
   * Declares the tensor property `property` a buffer, saved under `stateKey` (PyTorch's name, e.g.
   * "running_mean"); a null value (no statistics tracked) is left out of the state dict.
   */
  protected registerBuffer(property: string, stateKey = property): void {
    this.#buffers.set(property, stateKey);
  }

  /** Saves the parameter `property` under PyTorch's name for it (e.g. "weight_ih_l0"). */
  protected renameParameter(property: string, stateKey: string): void {
    this.#renamed.set(property, stateKey);
  }

  /** Names the sub-module `property` by PyTorch's key for it (e.g. outProj as "out_proj"). */
  protected renameChild(property: string, stateKey: string): void {
    this.#renamed.set(property, stateKey);
  }

  /** The property behind a state-dict key of this module's own (not its children's), or undefined. */
  propertyOf(stateKey: string): string | undefined {
    for (const [property, key] of [...this.#renamed, ...this.#buffers])
      if (key === stateKey) return property;
    return Object.hasOwn(this, stateKey) ? stateKey : undefined;
  }

  /** The direct sub-modules by name, in declaration order. */
  namedChildren(): [string, Module][] {
    const children: [string, Module][] = [];
    for (const [property, value] of Object.entries(this)) {
      const name = this.#renamed.get(property) ?? property;
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
      if (value instanceof Tensor && value.requiresGrad && !this.#buffers.has(name))
        result.push([prefix + (this.#renamed.get(name) ?? name), value]);
    }
    for (const [name, child] of this.namedChildren()) {
      result.push(...child.namedParameters(`${prefix}${name}.`));
    }
    return result;
  }

  /** Every buffer with its dotted path ("bn.running_mean"), own buffers first; null ones left out. */
  namedBuffers(prefix = ""): [string, Tensor][] {
    const result: [string, Tensor][] = [];
    for (const [property, key] of this.#buffers) {
      const value = (this as Record<string, unknown>)[property];
      if (value instanceof Tensor) result.push([prefix + key, value]);
    }
    for (const [name, child] of this.namedChildren()) {
      result.push(...child.namedBuffers(`${prefix}${name}.`));
    }
    return result;
  }

  /** The buffers, in namedBuffers order. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, buffer]) => buffer);
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

  /** Copies of the parameter and buffer values by dotted name (later training does not change them). */
  stateDict(): StateDict {
    const state: StateDict = {};
    for (const [name, tensor] of [...this.namedParameters(), ...this.namedBuffers()])
      state[name] = copyOf(tensor);
    return state;
  }

  /**
   * Copies values into the parameters and buffers in place (optimizers keep working); throws on any
   * missing or unexpected key or mismatched shape, before changing anything.
   */
  loadStateDict(state: StateDict): void {
    const named = new Map([...this.namedParameters(), ...this.namedBuffers()]);
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
