// conv1d, conv2d, convTranspose2d: literal values, the adjoint identity, unbatched inputs, PyTorch's
// output sizes and one-line errors naming the op, the shapes and the option at fault.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  availableBackends,
  conv1d,
  conv2d,
  convTranspose2d,
  DTypeError,
  Generator,
  getBackend,
  randn,
  setBackend,
  ShapeError,
  tensor,
  type BackendName,
  type Tensor,
} from "../../../src/node.js";

const dot = (a: Tensor, b: Tensor): number => a.mul(b).sum().item();

test("conv2d of a 3×3 image with a 2×2 kernel of ones sums each window (plus the bias)", () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9]).reshape([1, 1, 3, 3]);
  const w = tensor([1, 1, 1, 1]).reshape([1, 1, 2, 2]);
  assert.deepEqual(conv2d(x, w).toArray(), [
    [
      [
        [12, 16],
        [24, 28],
      ],
    ],
  ]);
  assert.deepEqual(conv2d(x, w, { bias: tensor([0.5]) }).toArray(), [
    [
      [
        [12.5, 16.5],
        [24.5, 28.5],
      ],
    ],
  ]);
  // stride 2 with padding 1 reads the corners' 2×2 windows of the zero-padded image
  assert.deepEqual(conv2d(x, w, { stride: 2, padding: 1 }).toArray(), [
    [
      [
        [1, 5],
        [11, 28],
      ],
    ],
  ]);
});

test("padding 'same' keeps the size for even and dilated kernels; 'valid' is no padding", () => {
  const x = randn([2, 3, 7, 6], { generator: new Generator(1) });
  for (const [kh, kw, dilation] of [
    [2, 4, 1],
    [3, 2, 2],
    [1, 5, 1],
  ] as const) {
    const w = randn([4, 3, kh, kw], { generator: new Generator(2) });
    assert.deepEqual(conv2d(x, w, { padding: "same", dilation }).shape, [2, 4, 7, 6]);
  }
  const w = randn([4, 3, 3, 3], { generator: new Generator(3) });
  assert.deepEqual(conv2d(x, w, { padding: "valid" }).toArray(), conv2d(x, w).toArray());
  assert.deepEqual(conv2d(x, w, { stride: [2, 3], padding: [1, 0] }).shape, [2, 4, 4, 2]);
});

test("3-D input to conv2d and 2-D input to conv1d are unbatched, as in PyTorch", () => {
  const generator = new Generator(4);
  const x = randn([3, 5, 6], { generator });
  const w = randn([2, 3, 3, 3], { generator });
  assert.deepEqual(conv2d(x, w).toArray(), conv2d(x.unsqueeze(0), w).squeeze(0).toArray());
  const signal = randn([4, 9], { generator });
  const filters = randn([6, 2, 3], { generator });
  const one = conv1d(signal, filters, { groups: 2, padding: 1, stride: 2 });
  assert.deepEqual(one.shape, [6, 5]);
  const planar = conv2d(signal.unsqueeze(1).unsqueeze(0), filters.unsqueeze(2), {
    groups: 2,
    padding: [0, 1],
    stride: [1, 2],
  });
  assert.deepEqual(one.toArray(), planar.squeeze(0).squeeze(1).toArray());
});

test("convTranspose2d is the adjoint of conv2d: ⟨conv2d(x, w), y⟩ = ⟨x, convTranspose2d(y, w)⟩", () => {
  fc.assert(
    fc.property(
      fc.record({
        stride: fc.integer({ min: 1, max: 3 }),
        dilation: fc.integer({ min: 1, max: 2 }),
        padding: fc.integer({ min: 0, max: 2 }),
        groups: fc.integer({ min: 1, max: 2 }),
        size: fc.integer({ min: 5, max: 8 }),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
      ({ stride, dilation, padding, groups, size, seed }) => {
        const generator = new Generator(seed);
        const options = { dtype: "float64", generator } as const;
        const x = randn([2, 2 * groups, size, size + 1], options);
        const w = randn([3 * groups, 2, 3, 2], options);
        const y = conv2d(x, w, { stride, dilation, padding, groups });
        const probe = randn(y.shape, options);
        // the transposed output has x's size once outputPadding picks among the sizes a stride maps to y's
        const extra = [0, 1].map((axis) => {
          const [k, n] = axis === 0 ? [3, size] : [2, size + 1];
          return n - ((y.shape[2 + axis]! - 1) * stride - 2 * padding + dilation * (k - 1) + 1);
        }) as [number, number];
        const back = convTranspose2d(probe, w, {
          stride,
          dilation,
          padding,
          groups,
          outputPadding: extra,
        });
        assert.deepEqual(back.shape, x.shape);
        assert.ok(Math.abs(dot(y, probe) - dot(x, back)) < 1e-9 * (1 + Math.abs(dot(y, probe))));
      },
    ),
    { seed: 16, numRuns: 40 },
  );
});

test("convTranspose2d upsamples: stride 2 doubles the size, bias per output channel", () => {
  const y = convTranspose2d(randn([1, 4, 5, 5]), randn([4, 2, 3, 3]), {
    stride: 2,
    padding: 1,
    outputPadding: 1,
    bias: tensor([1, -1]),
  });
  assert.deepEqual(y.shape, [1, 2, 10, 10]);
  const ones = convTranspose2d(
    tensor([[[[1]]]]),
    tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]),
    { bias: tensor([1]) },
  );
  assert.deepEqual(ones.toArray(), [
    [
      [
        [2, 3],
        [4, 5],
      ],
    ],
  ]);
});

test("empty batches and channels give empty outputs and zero gradients on every backend", () => {
  for (const backend of availableBackends() as BackendName[]) {
    const previous = getBackend() as BackendName;
    setBackend(backend);
    try {
      for (const [n, c] of [
        [0, 32],
        [2, 0],
      ] as const) {
        const x = randn([n, c, 6, 6]).requiresGrad_();
        const w = randn([16, c, 3, 3]).requiresGrad_();
        const y = conv2d(x, w, { padding: 1 });
        assert.deepEqual(y.shape, [n, 16, 6, 6]);
        y.sum().backward();
        assert.ok(
          w.grad!.dataSync().every((value) => value === 0),
          `${backend} [${n}, ${c}]`,
        );
      }
    } finally {
      setBackend(previous);
    }
  }
});

test("bad input gets one line naming the op, the shapes and the option at fault", () => {
  const x = randn([1, 4, 5, 5]);
  const throwsWith = (f: () => unknown, type: new (message: string) => Error, pattern: RegExp) =>
    assert.throws(
      f,
      (error: Error) =>
        error instanceof type && pattern.test(error.message) && !error.message.includes("\n"),
    );
  throwsWith(
    () => conv2d(x, randn([2, 4, 7, 3])),
    ShapeError,
    /^conv2d: kernel height 7 \(dilated\) is larger than the padded input height 5/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 4, 3, 3]), { dilation: 4, padding: 1 }),
    ShapeError,
    /^conv2d: kernel height 9 \(dilated\) is larger than the padded input height 7/,
  );
  throwsWith(
    () => conv2d(x, randn([3, 2, 3, 3]), { groups: 2 }),
    ShapeError,
    /^conv2d: output channels 3 are not divisible by groups 2/,
  );
  throwsWith(
    () => conv2d(randn([1, 3, 5, 5]), randn([2, 1, 3, 3]), { groups: 2 }),
    ShapeError,
    /^conv2d: input channels 3 are not divisible by groups 2/,
  );
  throwsWith(
    () => conv2d(randn([1, 1, 4, 5, 5]), randn([2, 1, 3, 3])),
    ShapeError,
    /^conv2d: expected a 3-D \[C, H, W\] or 4-D \[N, C, H, W\] input, got \[1, 1, 4, 5, 5\] \(5-D\)/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 3, 3, 3])),
    ShapeError,
    /^conv2d: weight \[2, 3, 3, 3\] with groups 1 expects 3 input channels, got input \[1, 4, 5, 5\]/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 4, 3, 3]), { stride: 2, padding: "same" }),
    RangeError,
    /^conv2d: padding "same" needs stride 1/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 4, 3, 3]), { stride: 0 }),
    RangeError,
    /^conv2d: stride must be a positive integer/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 4, 3, 3]), { bias: randn([3]) }),
    ShapeError,
    /^conv2d: bias must have shape \[2\], got \[3\]/,
  );
  throwsWith(
    () => conv2d(x, randn([2, 4, 3, 3], { dtype: "float64" })),
    DTypeError,
    /^conv2d: operands must share one float dtype, got float32, float64/,
  );
  throwsWith(
    () => conv1d(randn([2, 3, 4]), randn([2, 3, 5])),
    ShapeError,
    /^conv1d: kernel width 5 .* padded input width 4/,
  );
  throwsWith(
    () => conv1d(randn([2, 3, 4]), randn([2, 3, 5, 1])),
    ShapeError,
    /^conv1d: weight must be 3-D/,
  );
  throwsWith(
    () => convTranspose2d(x, randn([4, 2, 3, 3]), { stride: 2, outputPadding: 2 }),
    RangeError,
    /^convTranspose2d: outputPadding 2 must be smaller than stride 2 or dilation 1/,
  );
  throwsWith(
    () => convTranspose2d(x, randn([3, 2, 3, 3])),
    ShapeError,
    /^convTranspose2d: weight \[3, 2, 3, 3\] expects 3 input channels/,
  );
});
