# Writes test/math/fixtures/erf.json: erf and erfc from Python's math module (glibc's, < 1 ulp) on a
# grid over [-30, 30] plus edge points, the oracle of test/math/special-functions.test.ts.
import json
import math
import os

points = [i / 100 + 0.00123 for i in range(-3000, 3001)]
points += [0.0, 1e-300, 1e-10, 0.5, 1.0, 1 - 1e-12, 2.0, 2 - 1e-12, 26.5, 27.3, 40.0]
rows = [[x, math.erf(x), math.erfc(x)] for x in points]
path = os.path.join(os.path.dirname(__file__), "..", "test", "math", "fixtures", "erf.json")
with open(path, "w") as f:
    json.dump(rows, f, separators=(",", ":"))
