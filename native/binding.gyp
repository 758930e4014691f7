# Builds the gradus N-API addon: portable code plus the GEMM compiled once per ISA (runtime dispatch).
{
  "target_defaults": {
    "cflags_cc": ["-O3", "-std=gnu++20", "-fPIC", "-fno-exceptions"],
    "cflags!": ["-O2", "-O3"],
    "cflags_cc!": ["-O2", "-std=gnu++1y", "-std=gnu++14", "-std=gnu++17"]
  },
  "targets": [
    {
      "target_name": "gemm_avx512",
      "type": "static_library",
      "sources": ["src/gemm-avx512.cc", "src/conv-avx512.cc", "src/gemm-packed-avx512.cc", "src/pool-avx512.cc"],
      "cflags_cc": ["-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx2", "-mfma", "-mprefer-vector-width=512"]
    },
    {
      "target_name": "gemm_avx2",
      "type": "static_library",
      "sources": ["src/gemm-avx2.cc", "src/conv-avx2.cc", "src/gemm-packed-avx2.cc"],
      "cflags_cc": ["-mavx2", "-mfma"]
    },
    {
      "target_name": "recurrent_avx512",
      "type": "static_library",
      "sources": ["src/recurrent-avx512.cc"],
      "cflags_cc": ["-mavx512f", "-mavx512vl", "-mavx512dq", "-mavx2", "-ffp-contract=off"]
    },
    {
      "target_name": "recurrent_avx2",
      "type": "static_library",
      "sources": ["src/recurrent-avx2.cc"],
      "cflags_cc": ["-mavx2", "-ffp-contract=off"]
    },
    {
      "target_name": "recurrent_generic",
      "type": "static_library",
      "sources": ["src/recurrent-generic.cc"],
      "cflags_cc": ["-ffp-contract=off"]
    },
    {
      "target_name": "optimizer_kernels",
      "type": "static_library",
      "sources": ["src/optimizer.cc"],
      "cflags_cc": ["-ffp-contract=off", "-fno-math-errno"]
    },
    {
      "target_name": "gradus",
      "dependencies": ["gemm_avx512", "gemm_avx2", "recurrent_avx512", "recurrent_avx2", "recurrent_generic", "optimizer_kernels"],
      "sources": [
        "src/addon.cc",
        "src/thread-pool.cc",
        "src/gemm-generic.cc",
        "src/gemm-packed-generic.cc",
        "src/gemm-dispatch.cc",
        "src/elementwise.cc",
        "src/reduce.cc",
        "src/indexing.cc",
        "src/losses.cc",
        "src/attention.cc",
        "src/attention-rows.cc",
        "src/attention-products.cc",
        "src/normalization.cc",
        "src/channel-norm.cc",
        "src/normalization-addon.cc",
        "src/allocator.cc",
        "src/conv-generic.cc",
        "src/conv-dispatch.cc",
        "src/conv-addon.cc",
        "src/pool.cc",
        "src/recurrent-dispatch.cc",
        "src/recurrent-binding.cc",
        "src/softmax.cc",
        "src/optimizer-addon.cc"
      ],
      "cflags_cc": ["-pthread"],
      "ldflags": ["-pthread"]
    }
  ]
}
