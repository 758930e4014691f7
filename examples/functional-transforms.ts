// JAX-style transforms on gradus tensors: grad to any order, Hessians, Jacobian-vector products, a custom op.
import {
  customOp,
  grad,
  hessian,
  hvp,
  jvp,
  tensor,
  valueAndGrad,
  type Tensor,
} from "../src/index.js";

const f64 = (value: number | number[]): Tensor => tensor(value, { dtype: "float64" });

// d/dx x³ = 3x², d²/dx² = 6x: both 12 at x = 2
const cube = (x: Tensor): Tensor => x.pow(3);
console.log(
  `grad(x³)(2) = ${grad(cube)(f64(2)).item()}, grad(grad(x³))(2) = ${grad(grad(cube))(f64(2)).item()}`,
);

// The lecture's f(x, y) = log x + xy − sin y at (2, 5): ∇f = (1/x + y, x − cos y)
const f = (x: Tensor, y: Tensor): Tensor => x.log().add(x.mul(y)).sub(y.sin());
const [value, [dx, dy]] = valueAndGrad(f, [0, 1])(f64(2), f64(5));
console.log(
  `f = ${value.item().toFixed(6)}, ∂f/∂x = ${dx!.item()}, ∂f/∂y = ${dy!.item().toFixed(6)}`,
);

// Hessian of Σ x³ is diag(6x); hvp and jvp never build a matrix
const sumCubes = (x: Tensor): Tensor => x.pow(3).sum();
console.log(`hessian = ${JSON.stringify(hessian(sumCubes)(f64([1, 2])).toArray())}`);
console.log(`hvp = ${JSON.stringify(hvp(sumCubes, f64([1, 2]), f64([1, 1])).toArray())}`);
console.log(
  `jvp = ${JSON.stringify(jvp((x) => x.mul(x), [f64([1, 2])], [f64([1, 0])])[1].toArray())}`,
);

// A custom op with its own derivative, differentiable twice: d/dx softplus = σ(x)
const softplus = customOp({
  name: "softplus",
  forward: (x) => x.exp().add(1).log(),
  backward: (outputGrad, { inputs: [x] }) => [outputGrad.mul(x!.sigmoid())],
});
console.log(
  `softplus'(0) = ${grad(softplus)(f64(0)).item()}, softplus''(0) = ${grad(grad(softplus))(f64(0)).item()}`,
);
