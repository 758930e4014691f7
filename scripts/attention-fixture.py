# Writes test/nn/fixtures/pytorch-attention.json: PyTorch's values (float64) for scaled_dot_product_attention
# (outputs and gradients, masks of both kinds, causal, scale, broadcast batch), nn.MultiheadAttention
# (given weights: outputs and head-averaged weights) and nn.TransformerEncoderLayer / TransformerEncoder
# (eval mode, post- and pre-norm), the oracle of test/nn/pytorch-attention.test.ts.
# Run: GRADUS_TORCH_PYTHON=/path/to/python npm run fixtures:attention
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(17)
torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "nn", "fixtures", "pytorch-attention.json")


def encode(t):
    """A tensor as {shape, data} (bools as 0/1, ±∞ as strings: JSON has no infinities)."""
    if t is None:
        return None
    values = t.detach().reshape(-1).to(torch.float64).tolist()
    return {"shape": list(t.shape), "data": [v if abs(v) != float("inf") else str(v) for v in values]}


def sdpa_case(name, q_shape, k_shape, v_shape, mask=None, is_causal=False, scale=None):
    q, k, v = (torch.randn(s, requires_grad=True) for s in (q_shape, k_shape, v_shape))
    if mask is not None and mask.is_floating_point():
        mask.requires_grad_(True)
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=is_causal, scale=scale)
    w = torch.randn(out.shape)
    (out * w).sum().backward()
    grads = {"q": encode(q.grad), "k": encode(k.grad), "v": encode(v.grad)}
    if mask is not None and mask.is_floating_point():
        grads["mask"] = encode(mask.grad)
    return {
        "name": name,
        "q": encode(q),
        "k": encode(k),
        "v": encode(v),
        "mask": encode(mask),
        "maskKind": None if mask is None else ("float" if mask.is_floating_point() else "int"),
        "isCausal": is_causal,
        "scale": scale,
        "w": encode(w),
        "out": encode(out),
        "grads": grads,
    }


def sdpa_cases():
    bool_mask = torch.rand(2, 1, 4, 5) > 0.3
    bool_mask[..., 0] = True  # every row keeps a key, so no row is empty
    return [
        sdpa_case("plain", [2, 3, 4, 6], [2, 3, 5, 6], [2, 3, 5, 7]),
        sdpa_case("broadcast batch", [2, 3, 4, 6], [1, 3, 5, 6], [2, 1, 5, 2]),
        sdpa_case("causal", [2, 4, 6], [2, 6, 6], [2, 6, 3], is_causal=True),
        sdpa_case("causal square", [3, 5, 4], [3, 5, 4], [3, 5, 4], is_causal=True),
        sdpa_case("bool mask", [2, 3, 4, 6], [2, 3, 5, 6], [2, 3, 5, 2], mask=bool_mask),
        sdpa_case("float mask", [2, 3, 4, 6], [2, 3, 5, 6], [2, 3, 5, 2], mask=torch.randn(3, 1, 5)),
        sdpa_case("scale", [4, 3], [6, 3], [6, 5], scale=0.37),
    ]


def state(module):
    return {key: encode(value) for key, value in module.state_dict().items()}


def mha_case(name, embed_dim, num_heads, batch_first, bias, shapes, kpm=None, attn=None, average=True):
    mha = torch.nn.MultiheadAttention(embed_dim, num_heads, bias=bias, batch_first=batch_first)
    with torch.no_grad():
        for p in mha.parameters():
            p.copy_(torch.randn(p.shape) * 0.5)
    mha.eval()
    query, key, value = (torch.randn(s) for s in shapes)
    out, weights = mha(query, key, value, key_padding_mask=kpm, attn_mask=attn, need_weights=True,
                       average_attn_weights=average)
    out_fast, _ = mha(query, key, value, key_padding_mask=kpm, attn_mask=attn, need_weights=False)
    assert torch.allclose(out, out_fast, atol=1e-12)
    return {
        "name": name, "embedDim": embed_dim, "numHeads": num_heads, "batchFirst": batch_first,
        "bias": bias, "averageAttnWeights": average, "state": state(mha),
        "query": encode(query), "key": encode(key), "value": encode(value),
        "keyPaddingMask": encode(kpm), "attnMask": encode(attn),
        "attnMaskKind": None if attn is None else ("float" if attn.is_floating_point() else "int"),
        "output": encode(out), "weights": encode(weights),
    }


def mha_cases():
    kpm = torch.tensor([[False, False, True, False], [False, True, True, False]])
    causal_bool = torch.ones(3, 4, dtype=torch.bool).triu(1)
    return [
        mha_case("self-attention, sequence first", 8, 2, False, True, [[3, 2, 8]] * 3),
        mha_case("cross-attention, batch first, padding", 8, 4, True, True, [[2, 3, 8], [2, 4, 8], [2, 4, 8]], kpm=kpm),
        mha_case("bool attnMask, no bias", 6, 3, False, False, [[3, 2, 6], [4, 2, 6], [4, 2, 6]], attn=causal_bool),
        mha_case("float 3-D attnMask, per-head weights", 4, 2, True, True, [[2, 3, 4], [2, 4, 4], [2, 4, 4]],
                 attn=torch.randn(4, 3, 4), average=False),
        mha_case("unbatched", 6, 2, False, True, [[3, 6], [5, 6], [5, 6]]),
    ]


def layer_case(name, norm_first, activation, batch_first, src_shape, mask=None, kpm=None, is_causal=False):
    layer = torch.nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.1, activation=activation,
                                             batch_first=batch_first, norm_first=norm_first)
    with torch.no_grad():
        for p in layer.parameters():
            p.copy_(torch.randn(p.shape) * 0.4)
    layer.eval()
    src = torch.randn(src_shape)
    out = layer(src, src_mask=mask, src_key_padding_mask=kpm, is_causal=is_causal)
    return {
        "name": name, "dModel": 8, "nhead": 2, "dimFeedforward": 16, "activation": activation,
        "normFirst": norm_first, "batchFirst": batch_first, "state": state(layer), "src": encode(src),
        "srcMask": encode(mask), "srcKeyPaddingMask": encode(kpm), "isCausal": is_causal, "output": encode(out),
    }


def layer_cases():
    causal = torch.nn.Transformer.generate_square_subsequent_mask(5, dtype=torch.float64)
    kpm = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
    return [
        layer_case("post-norm relu", False, "relu", False, [5, 2, 8]),
        layer_case("pre-norm gelu, batch first, padding", True, "gelu", True, [2, 5, 8], kpm=kpm),
        layer_case("pre-norm causal", True, "relu", True, [2, 5, 8], mask=causal, is_causal=True),
        layer_case("post-norm gelu, float mask", False, "gelu", False, [5, 2, 8], mask=torch.randn(5, 5)),
    ]


def encoder_case():
    layer = torch.nn.TransformerEncoderLayer(8, 2, dim_feedforward=12, dropout=0.0, batch_first=True, norm_first=True)
    encoder = torch.nn.TransformerEncoder(layer, 2, norm=torch.nn.LayerNorm(8), enable_nested_tensor=False)
    with torch.no_grad():
        for p in encoder.parameters():
            p.copy_(torch.randn(p.shape) * 0.4)
    encoder.eval()
    src = torch.randn(2, 4, 8)
    return {"state": state(encoder), "src": encode(src), "output": encode(encoder(src))}


with torch.enable_grad():  # NOTE: keeps PyTorch off its inference fast paths (the same maths, other kernels)
    fixture = {
        "torch": torch.__version__,
        "sdpa": sdpa_cases(),
        "multiheadAttention": mha_cases(),
        "encoderLayer": layer_cases(),
        "encoder": encoder_case(),
    }
with open(OUT, "w") as f:
    json.dump(fixture, f, allow_nan=False)
print(f"attention-fixture: wrote {OUT}")
