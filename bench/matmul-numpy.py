# numpy/OpenBLAS matmul peer for bench/matmul.bench.ts: prints one JSON object of GFLOP/s medians.
# Usage: python3 matmul-numpy.py N DTYPE REPEATS (threads via OPENBLAS_NUM_THREADS in the environment).
import ctypes, glob, json, os, sys, time

import numpy as np

n, dtype, repeats = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = np.random.default_rng(1)
a = rng.uniform(-1, 1, (n, n)).astype(dtype)
b = rng.uniform(-1, 1, (n, n)).astype(dtype)
c = a @ b
samples = []
for _ in range(repeats):
    start = time.perf_counter()
    c = a @ b
    samples.append(time.perf_counter() - start)
samples.sort()
seconds = samples[len(samples) // 2]
# Check a few entries against float64 dot products.
worst = 0.0
for i, j in [(0, 0), (n - 1, n - 1), (n // 3, n // 2), (7, n - 5)]:
    exact = float(np.dot(a[i].astype(np.float64), b[:, j].astype(np.float64)))
    worst = max(worst, abs(float(c[i, j]) - exact) / (1 + abs(exact)))
core = "unknown"
for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*.so*")):
    library = ctypes.CDLL(path)
    for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
        if hasattr(library, name):
            getter = getattr(library, name)
            getter.restype = ctypes.c_char_p
            core = getter().decode()
            break
print(json.dumps({"gflops": 2 * n**3 / seconds / 1e9, "error": worst, "core": core,
                  "version": np.__version__}))
