#!/usr/bin/env python3
"""PyTorch CPU reference for conv-kernel.mjs: median milliseconds of one 3D convolution
(forward, input gradient, filter gradient) with torch.nn.functional.conv3d.

    /usr/bin/python3 torch_conv_bench.py --size 32 --in 32 --out 32 --kernel 3 --batch 1 --threads 2
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--in", dest="cin", type=int, default=32)
    p.add_argument("--out", dest="cout", type=int, default=32)
    p.add_argument("--kernel", type=int, default=3)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x = torch.rand(a.batch, a.cin, a.size, a.size, a.size, requires_grad=True)
    w = torch.rand(a.cout, a.cin, a.kernel, a.kernel, a.kernel, requires_grad=True)
    pad = a.kernel // 2

    def forward():
        with torch.no_grad():
            F.conv3d(x, w, padding=pad)

    y = F.conv3d(x, w, padding=pad)
    g = torch.rand_like(y)

    def backward():
        torch.autograd.grad(y, [x, w], g, retain_graph=True)

    out = {"threads": torch.get_num_threads()}
    for name, fn in (("forward_ms", forward), ("backward_ms", backward)):
        fn()
        times = []
        for _ in range(a.runs):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
