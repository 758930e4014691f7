// The recurrent primitives' registry rows: first and second order against central differences, and
// float32 against float64.
import { opFamilies } from "../../src/ops/families.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.recurrent);
