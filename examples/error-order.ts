// The error order of finite differences (lecture §1): slope ≈ 1 forward, ≈ 2 central, then rounding.
import { diff, errorOrder, evaluate, parseExpression } from "../src/index.js";

// The lecture's f(x, y) = log x + xy − sin y at (2, 5); the exact gradient comes from symbolic diff.
const f = parseExpression("log(x) + x*y - sin(y)");
const [dfdx, dfdy] = [diff(f, "x"), diff(f, "y")];
const at = (v: Float64Array) => ({ x: v[0]!, y: v[1]! });

const result = errorOrder(
  (v) => evaluate(f, at(v)),
  (v) => [evaluate(dfdx, at(v)), evaluate(dfdy, at(v))],
  [2, 5],
);
console.log("h       forward   central");
for (const row of result.rows) {
  const cells = [row.h, row.forwardError, row.centralError].map((value) => value.toExponential(1));
  console.log(cells.join("  "));
}
for (const [method, fit] of Object.entries({ forward: result.forward, central: result.central })) {
  console.log(
    `${method}: order ≈ ${fit.slope.toFixed(2)}, rounding takes over below h ≈ ${fit.bestH.toExponential(0)}`,
  );
}
