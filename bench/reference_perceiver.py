#!/usr/bin/env python3
"""PyTorch reference loop for `modalscope-cli bench-train`.

An equivalent, idiomatic PyTorch training loop of the same PerceiverIO
(depth 2, 32 latents x 128, 1 cross-attention head of 64, 8 latent heads of
32, GEGLU feed-forwards x4, per-modality linear projection, learned modality
embedding, sinusoidal time codes, masked padding) over the tokens that
bench-train exported, written the way such loops usually are: one tensor per
clip, batches bucketed by length and padded with pad_sequence, the latent
array repeated per batch, heads split with reshape/permute. It is the bar the
C++ trainer must beat. Prints one JSON line with the timing last.

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
    def __init__(self, input_dims, depth=2, latents=32, latent_dim=128, input_dim=128,
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

    def forward(self, tokens, seconds, masks):
        parts = [proj(t) + time_code(s, self.input_dim) + self.modality_embedding[i]
                 for i, (proj, t, s) in enumerate(zip(self.projections, tokens, seconds))]
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
    with open(os.path.join(data_dir, "meta.json")) as f:
        meta = json.load(f)
    n = meta["clips"]
    per_modality = []
    for m in meta["modalities"]:
        dim = meta[m + "_dim"]
        lengths = np.fromfile(os.path.join(data_dir, m + "_lengths.i32"), dtype=np.int32)
        flat = np.fromfile(os.path.join(data_dir, m + "_tokens.f32"), dtype=np.float32).reshape(-1, dim)
        secs = np.fromfile(os.path.join(data_dir, m + "_seconds.f32"), dtype=np.float32)
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        clips = [(torch.from_numpy(flat[offsets[i]:offsets[i + 1]].copy()),
                  torch.from_numpy(secs[offsets[i]:offsets[i + 1]].copy())) for i in range(n)]
        per_modality.append((dim, clips))
    targets = np.fromfile(os.path.join(data_dir, "targets.i32"), dtype=np.int32)
    return per_modality, targets


def batches(lengths, batch_size, rng):
    order = list(range(len(lengths)))
    rng.shuffle(order)
    order.sort(key=lambda i: lengths[i])
    out = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(out)
    return out


def collate(per_modality, idx):
    tokens, seconds, masks = [], [], []
    for _, clips in per_modality:
        ts = [clips[i][0] for i in idx]
        tokens.append(nn.utils.rnn.pad_sequence(ts, batch_first=True))
        seconds.append(nn.utils.rnn.pad_sequence([clips[i][1] for i in idx], batch_first=True))
        lens = torch.tensor([t.shape[0] for t in ts])
        masks.append(torch.arange(tokens[-1].shape[1])[None, :] < lens[:, None])
    return tokens, seconds, masks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    per_modality, targets = load(a.data)
    y_all = torch.from_numpy(targets.astype(np.float32))
    lengths = [sum(clips[i][0].shape[0] for _, clips in per_modality) for i in range(len(targets))]
    model = PerceiverIO([dim for dim, _ in per_modality])
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-2)
    times = []
    for epoch in range(a.epochs + 1):  # the first epoch warms up
        start = time.perf_counter()
        model.train()
        prof = [0.0, 0.0, 0.0, 0.0]
        for idx in batches(lengths, a.batch, rng):
            t0 = time.perf_counter()
            tokens, seconds, masks = collate(per_modality, idx)
            t1 = time.perf_counter()
            loss = F.binary_cross_entropy_with_logits(model(tokens, seconds, masks), y_all[idx])
            t2 = time.perf_counter()
            opt.zero_grad()
            loss.backward()
            t3 = time.perf_counter()
            opt.step()
            t4 = time.perf_counter()
            for i, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                prof[i] += d
        if os.environ.get("MODALSCOPE_PROFILE"):
            print("reference: collate %.2f forward %.2f backward %.2f step %.2f s" % tuple(prof), file=sys.stderr, flush=True)
        times.append(time.perf_counter() - start)
        print(f"reference epoch {epoch}: {times[-1]:.2f} s, loss {loss.item():.4f}", flush=True)
    per_epoch = sum(times[1:]) / len(times[1:])
    print(json.dumps({"seconds_per_epoch": per_epoch, "warmup_seconds": times[0],
                      "parameters": params, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
