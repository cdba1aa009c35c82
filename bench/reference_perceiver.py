#!/usr/bin/env python3
"""PyTorch reference loop for `modalscope-cli bench-train`.

An equivalent, idiomatic PyTorch training loop of the same PerceiverIO
(depth 2, 32 latents x 128, 1 cross-attention head of 64, 8 latent heads of
32, GEGLU feed-forwards x4, per-modality linear projection, learned modality
embedding, sinusoidal time codes, masked padding) over the tokens that
bench-train exported, with its data handled as the issue asks of the bar:
the tokens and their time codes packed once into contiguous padded tensors,
batches bucketed by length and cut out with index_select (nothing allocated
per clip), every core used (--threads). The model is written the way such
models usually are (perceiver-pytorch): the latent array repeated per batch,
heads split with reshape/permute. It is the bar the C++ trainer must beat.
Prints one JSON line with the timing last; with --serve it runs one epoch
per request instead (see --serve).

Run with Debian's interpreter, which has torch: /usr/bin/python3.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


INPUT_DIM = 128  # the width tokens are projected to (the model's input_dim)


def time_code(seconds, dim):
    half = dim // 2
    freq = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) * 2.0 / dim))
    angle = seconds.unsqueeze(-1) * freq
    return torch.stack([torch.sin(angle), torch.cos(angle)], -1).flatten(-2)


class GEGLU(nn.Module):
    def forward(self, x):
        x, gates = x.chunk(2, dim=-1)
        return x * F.gelu(gates)


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4):
        super().__init__()
        self.net = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim * mult * 2), GEGLU(),
                                 nn.Linear(dim * mult, dim))

    def forward(self, x):
        return self.net(x)


class Attention(nn.Module):
    def __init__(self, query_dim, context_dim, heads, dim_head):
        super().__init__()
        inner = heads * dim_head
        self.heads, self.scale = heads, dim_head ** -0.5
        self.to_q = nn.Linear(query_dim, inner, bias=False)
        self.to_kv = nn.Linear(context_dim, inner * 2, bias=False)
        self.to_out = nn.Linear(inner, query_dim)

    def forward(self, x, context, mask=None):
        h = self.heads
        q = self.to_q(x)
        k, v = self.to_kv(context).chunk(2, dim=-1)
        b, n, _ = q.shape
        split = lambda t: t.reshape(b, t.shape[1], h, -1).permute(0, 2, 1, 3)
        q, k, v = split(q), split(k), split(v)
        sim = torch.matmul(q, k.transpose(-1, -2)) * self.scale
        if mask is not None:
            sim = sim.masked_fill(~mask[:, None, None, :], -torch.finfo(sim.dtype).max)
        attn = sim.softmax(dim=-1)
        out = torch.matmul(attn, v).permute(0, 2, 1, 3).reshape(b, n, -1)
        return self.to_out(out)


class PerceiverIO(nn.Module):
    def __init__(self, input_dims, depth=2, latents=32, latent_dim=128, input_dim=INPUT_DIM,
                 cross_heads=1, cross_dim_head=64, latent_heads=8, latent_dim_head=32):
        super().__init__()
        self.input_dim = input_dim
        self.projections = nn.ModuleList(nn.Linear(d, input_dim) for d in input_dims)
        self.modality_embedding = nn.Parameter(torch.randn(len(input_dims), input_dim) * 0.02)
        self.latents = nn.Parameter(torch.randn(latents, latent_dim))
        self.cross_norm = nn.LayerNorm(latent_dim)
        self.context_norm = nn.LayerNorm(input_dim)
        self.cross_attn = Attention(latent_dim, input_dim, cross_heads, cross_dim_head)
        self.cross_ff = FeedForward(latent_dim)
        self.layers = nn.ModuleList()
        for _ in range(depth):
            self.layers.append(nn.ModuleList([
                nn.LayerNorm(latent_dim), Attention(latent_dim, latent_dim, latent_heads, latent_dim_head),
                FeedForward(latent_dim)]))
        self.head = nn.Sequential(nn.LayerNorm(latent_dim), nn.Linear(latent_dim, 1))

    def forward(self, tokens, codes, masks):
        parts = [proj(t) + c + self.modality_embedding[i]
                 for i, (proj, t, c) in enumerate(zip(self.projections, tokens, codes))]
        data, mask = torch.cat(parts, 1), torch.cat(masks, 1)
        b = data.shape[0]
        x = self.latents.unsqueeze(0).repeat(b, 1, 1)
        x = self.cross_attn(self.cross_norm(x), self.context_norm(data), mask) + x
        x = self.cross_ff(x) + x
        for norm, attn, ff in self.layers:
            y = norm(x)
            x = attn(y, y) + x
            x = ff(x) + x
        return self.head(x.mean(dim=1)).squeeze(-1)


def load(data_dir):
    """The exported tokens packed ONCE per modality into contiguous padded
    tensors: tokens [clips, longest, dim], their time codes [clips, longest,
    INPUT_DIM] and the mask [clips, longest]. A batch is then an index_select of
    its clips, narrowed to its longest clip: nothing is allocated per clip."""
    with open(os.path.join(data_dir, "meta.json")) as f:
        meta = json.load(f)
    n = meta["clips"]
    packed = []
    for m in meta["modalities"]:
        dim = meta[m + "_dim"]
        lengths = np.fromfile(os.path.join(data_dir, m + "_lengths.i32"), dtype=np.int32)
        flat = np.fromfile(os.path.join(data_dir, m + "_tokens.f32"), dtype=np.float32).reshape(-1, dim)
        secs = np.fromfile(os.path.join(data_dir, m + "_seconds.f32"), dtype=np.float32)
        longest = max(1, int(lengths.max()))
        tokens = np.zeros((n, longest, dim), dtype=np.float32)
        seconds = np.zeros((n, longest), dtype=np.float32)
        mask = np.zeros((n, longest), dtype=bool)
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        for i in range(n):
            a, b = offsets[i], offsets[i + 1]
            tokens[i, :b - a] = flat[a:b]
            seconds[i, :b - a] = secs[a:b]
            mask[i, :b - a] = True
        packed.append({"dim": dim, "lengths": torch.from_numpy(lengths.astype(np.int64)),
                       "tokens": torch.from_numpy(tokens),
                       "codes": time_code(torch.from_numpy(seconds), INPUT_DIM).contiguous(),
                       "mask": torch.from_numpy(mask)})
    targets = np.fromfile(os.path.join(data_dir, "targets.i32"), dtype=np.int32)
    return packed, targets


def batches(lengths, batch_size, rng):
    order = list(range(len(lengths)))
    rng.shuffle(order)
    order.sort(key=lambda i: lengths[i])
    out = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(out)
    return out


def collate(packed, idx):
    index = torch.tensor(idx)
    tokens, codes, masks = [], [], []
    for p in packed:
        longest = max(1, int(p["lengths"][index].max()))
        at = index.to(p["tokens"].device)
        tokens.append(p["tokens"].narrow(1, 0, longest).index_select(0, at))
        codes.append(p["codes"].narrow(1, 0, longest).index_select(0, at))
        masks.append(p["mask"].narrow(1, 0, longest).index_select(0, at))
    return tokens, codes, masks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cpu",
                    help="cpu, cuda or cuda:N: the data, the model and the optimiser live there")
    ap.add_argument("--serve", action="store_true",
                    help="after loading (and one warm-up epoch), run one epoch per line "
                         "'epoch' read from standard input, answering each with a JSON line; "
                         "bench-train uses this to alternate its epochs with ours")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    device = torch.device(a.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("reference: --device %s, but this torch sees no CUDA device" % a.device)
    packed, targets = load(a.data)
    y_all = torch.from_numpy(targets.astype(np.float32)).to(device)
    lengths = sum(p["lengths"] for p in packed).tolist()
    for p in packed:  # lengths stay on the CPU: collate reads them per batch
        for k in ("tokens", "codes", "mask"):
            p[k] = p[k].to(device)
    model = PerceiverIO([p["dim"] for p in packed]).to(device)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-2)

    def epoch():
        start = time.perf_counter()
        model.train()
        prof = [0.0, 0.0, 0.0, 0.0]
        total = 0.0
        for idx in batches(lengths, a.batch, rng):
            t0 = time.perf_counter()
            tokens, codes, masks = collate(packed, idx)
            t1 = time.perf_counter()
            loss = F.binary_cross_entropy_with_logits(model(tokens, codes, masks), y_all[idx])
            t2 = time.perf_counter()
            opt.zero_grad()
            loss.backward()
            t3 = time.perf_counter()
            opt.step()
            t4 = time.perf_counter()
            total += loss.item() * len(idx)  # (a device sync per batch, as ours does)
            for i, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                prof[i] += d
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        if os.environ.get("MODALSCOPE_PROFILE"):
            print("reference: collate %.2f forward %.2f backward %.2f step %.2f s" % tuple(prof),
                  file=sys.stderr, flush=True)
        return time.perf_counter() - start, total / len(lengths)

    info = {"parameters": params, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "device": str(device) + (" (%s)" % torch.cuda.get_device_name(device)
                                     if device.type == "cuda" else "")}
    warmup, _ = epoch()
    if a.serve:
        print(json.dumps(dict(info, ready=True, warmup_seconds=warmup)), flush=True)
        for line in sys.stdin:
            if line.strip() != "epoch":
                break
            seconds, loss = epoch()
            print(json.dumps({"seconds": seconds, "loss": loss}), flush=True)
        return
    times = []
    for e in range(a.epochs):
        seconds, loss = epoch()
        times.append(seconds)
        print(f"reference epoch {e + 1}: {seconds:.2f} s, loss {loss:.4f}", flush=True)
    print(json.dumps(dict(info, seconds_per_epoch=sum(times) / len(times), warmup_seconds=warmup)))


if __name__ == "__main__":
    main()
