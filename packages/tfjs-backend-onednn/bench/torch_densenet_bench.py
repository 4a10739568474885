#!/usr/bin/env python3
"""PyTorch CPU reference for `ct-fracture bench`: a MONAI-equivalent DenseNet121 (3D, one
input channel, the six heads of the default label specification), timed like the CLI:

  * training step: forward in training mode, the sum of one loss per head (cross-entropy
    for multiclass heads, BCE-with-logits for binary ones), backward, Adam (lr 5e-4);
  * inference: eval mode, no_grad, batch 1 (none with --infer-size 0).

Prints one JSON document: {"backend": "torch", size, batch, infer_size, threads,
train_step_ms, infer_ms (medians), train_steps_ms, infer_runs_ms, torch}.

    /usr/bin/python3 torch_densenet_bench.py --size 64 --batch 2 --infer-size 128 --steps 5 --threads 2

The network is written out in plain torch (MONAI is not a Debian package); it follows
monai.networks.nets.DenseNet121(spatial_dims=3, in_channels=1): conv0 7³/2 pad 3, norm0,
relu0, pool0 max 3/2 pad 1, dense blocks 6-12-24-16 (growth 32, bottleneck 4×32, BN → ReLU →
1³ conv → BN → ReLU → 3³ conv, concatenated), transitions (BN → ReLU → 1³ conv halving the
channels → avg pool 2), norm5 → ReLU → global average pool.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HEADS = [("fracture_parts", 3), ("dislocation", 1), ("gt_displacement", 1),
         ("shaft_translation", 3), ("varus", 1), ("articular", 3)]


class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth, bn_size):
        super().__init__()
        self.layers = nn.Sequential(
            nn.BatchNorm3d(in_channels), nn.ReLU(inplace=True),
            nn.Conv3d(in_channels, bn_size * growth, 1, bias=False),
            nn.BatchNorm3d(bn_size * growth), nn.ReLU(inplace=True),
            nn.Conv3d(bn_size * growth, growth, 3, padding=1, bias=False))

    def forward(self, x):
        return torch.cat([x, self.layers(x)], 1)


class DenseNet3d(nn.Module):
    def __init__(self, blocks=(6, 12, 24, 16), init_features=64, growth=32, bn_size=4):
        super().__init__()
        layers = [nn.Conv3d(1, init_features, 7, stride=2, padding=3, bias=False),
                  nn.BatchNorm3d(init_features), nn.ReLU(inplace=True),
                  nn.MaxPool3d(3, stride=2, padding=1)]
        channels = init_features
        for index, count in enumerate(blocks):
            for _ in range(count):
                layers.append(DenseLayer(channels, growth, bn_size))
                channels += growth
            if index < len(blocks) - 1:
                layers += [nn.BatchNorm3d(channels), nn.ReLU(inplace=True),
                           nn.Conv3d(channels, channels // 2, 1, bias=False), nn.AvgPool3d(2, 2)]
                channels //= 2
        layers += [nn.BatchNorm3d(channels), nn.ReLU(inplace=True)]
        self.features = nn.Sequential(*layers)
        self.heads = nn.ModuleList(nn.Linear(channels, k) for _, k in HEADS)

    def forward(self, x):
        features = torch.flatten(F.adaptive_avg_pool3d(self.features(x), 1), 1)
        return [head(features) for head in self.heads]


def loss_of(logits, targets):
    total = 0
    for (_, k), out, target in zip(HEADS, logits, targets):
        if k == 1:
            total = total + F.binary_cross_entropy_with_logits(out[:, 0], target.float())
        else:
            total = total + F.cross_entropy(out, target)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--infer-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = DenseNet3d()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    x = torch.rand(args.batch, 1, args.size, args.size, args.size)
    targets = [torch.tensor([(i + h) % max(k, 2) for i in range(args.batch)])
               for h, (_, k) in enumerate(HEADS)]

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(model(x), targets)
        loss.backward()
        optimizer.step()
        return loss.item()

    model.train()
    train_step()  # warm-up (allocator, oneDNN primitive creation)
    steps = []
    for _ in range(args.steps):
        start = time.perf_counter()
        train_step()
        steps.append((time.perf_counter() - start) * 1000)

    runs = []
    if args.infer_size > 0:
        model.eval()
        volume = torch.rand(1, 1, args.infer_size, args.infer_size, args.infer_size)
        with torch.no_grad():
            model(volume)
            for _ in range(max(3, args.steps // 2)):
                start = time.perf_counter()
                model(volume)
                runs.append((time.perf_counter() - start) * 1000)

    print(json.dumps({
        "backend": "torch", "size": args.size, "batch": args.batch,
        "infer_size": args.infer_size, "threads": torch.get_num_threads(),
        "train_step_ms": statistics.median(steps),
        "infer_ms": statistics.median(runs) if runs else None,
        "train_steps_ms": steps, "infer_runs_ms": runs, "torch": torch.__version__,
        "parameters": sum(p.numel() for p in model.parameters()),
    }))


if __name__ == "__main__":
    main()
