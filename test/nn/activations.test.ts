// Activation modules: each is its op with the module's settings (PyTorch's defaults), no parameters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, gelu, leakyRelu, nn, randn, silu, softplus } from "../../src/index.js";

const x = randn([4, 5], { dtype: "float64", generator: new Generator(5) }).mul(4);
const same = (module: nn.Module, expected: ReturnType<typeof gelu>): void =>
  assert.deepEqual(module.forward(x).toArray(), expected.toArray());

test("GELU, SiLU, LeakyReLU and Softplus apply their op with PyTorch's defaults and options", () => {
  same(new nn.GELU(), gelu(x));
  same(new nn.GELU({ approximate: "tanh" }), gelu(x, { approximate: "tanh" }));
  same(new nn.SiLU(), silu(x));
  same(new nn.LeakyReLU(), leakyRelu(x, 0.01));
  same(new nn.LeakyReLU(0.2), leakyRelu(x, 0.2));
  same(new nn.Softplus(), softplus(x, { beta: 1, threshold: 20 }));
  same(new nn.Softplus({ beta: 2, threshold: 3 }), softplus(x, { beta: 2, threshold: 3 }));
  assert.equal(new nn.LeakyReLU().negativeSlope, 0.01);
  assert.deepEqual([new nn.Softplus().beta, new nn.Softplus().threshold], [1, 20]);
  assert.notDeepEqual(
    new nn.GELU().forward(x).toArray(),
    gelu(x, { approximate: "tanh" }).toArray(),
  );
});

test("activation modules accept { dtype, generator }, hold no parameters and fit in Sequential", () => {
  const options = { dtype: "float64", generator: new Generator(1) } as const;
  const model = new nn.Sequential(
    new nn.Linear(5, 3, options),
    new nn.GELU(options),
    new nn.SiLU(options),
    new nn.LeakyReLU(0.1, options),
    new nn.Softplus(options),
  );
  assert.equal(model.parameters().length, 2);
  assert.deepEqual(model.forward(x).shape, [4, 3]);
  assert.throws(
    () => new nn.GELU({ approximate: "exact" as "none" }),
    /GELU: approximate must be "none" or "tanh", got exact/,
  );
});
