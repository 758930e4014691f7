// Expression swell (lecture §2): symbolic derivative trees double per step; backprop's graph grows by 3.
import { expressionSwell, fittedGrowth } from "../src/index.js";

const rows = expressionSwell(20);
console.log("k  expr-DAG(backprop)  d/dx tree  d/dx DAG  ratio");
for (const row of rows) {
  console.log(
    [row.k, row.backpropVertices, row.derivativeTreeSize, row.derivativeDagSize]
      .map(String)
      .join("  ") + (Number.isNaN(row.growthRatio) ? "" : `  ${row.growthRatio.toFixed(3)}`),
  );
}
const growth = fittedGrowth(rows.slice(10), (row) => row.derivativeTreeSize);
console.log(
  `the derivative tree grows ×${growth.toFixed(2)} per step; backprop +3 vertices per step`,
);
