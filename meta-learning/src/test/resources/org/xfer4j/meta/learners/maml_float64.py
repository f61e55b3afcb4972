"""MAML's outer gradients of a few-shot CNN in float64 PyTorch, for MamlTorchCrossCheckTest: reads the parameters,
the episode and Xfer4j's float32 gradients from the folder given, and prints per batch-norm mode the relative error of
Xfer4j's second- and first-order gradients against autograd's, the worst relative gap between autograd's g.v and
central differences (step 1e-6) along a random direction v, and the norms of both gradients."""
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
D, STEPS, LR = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
dt = torch.float64


def load(name):
    return torch.from_numpy(np.fromfile(f"{D}/{name}", dtype="<f4").astype(np.float64))


shapes = [[int(d) for d in line.split()[1:]] for line in open(f"{D}/shapes.txt").read().strip().split("\n")]


def split(flat):
    out, at = [], 0
    for s in shapes:
        n = int(np.prod(s))
        out.append(flat[at:at + n].view(*s))
        at += n
    return out


theta = split(load("theta.bin"))
side = int(round((load("support_x.bin").numel() / len(load("support_y.bin"))) ** 0.5))
xs, xq = load("support_x.bin").view(-1, 1, side, side), load("query_x.bin").view(-1, 1, side, side)
ys, yq = load("support_y.bin").long(), load("query_y.bin").long()
blocks = (len(shapes) - 2) // 4


def forward(p, x, mode, given=None):
    """Logits and each block's batch statistics; given: statistics to normalise by (support mode's queries)."""
    got = []
    for b in range(blocks):
        x = F.conv2d(x, p[4 * b], p[4 * b + 1], padding=1)
        c = (1, x.shape[1], 1, 1)
        if mode == "FIXED":
            m, v = torch.zeros(c, dtype=dt), torch.ones(c, dtype=dt)
        elif given is not None:
            m, v = given[b]
        else:
            m, v = x.mean((0, 2, 3), keepdim=True), x.var((0, 2, 3), unbiased=False, keepdim=True)
        got.append((m, v))
        x = (x - m) / torch.sqrt(v + 1e-5) * p[4 * b + 2].view(c) + p[4 * b + 3].view(c)
        x = F.max_pool2d(F.relu(x), 2)
    return F.linear(x.flatten(1), p[-2], p[-1]), got


def query_after(theta, mode, second=True):
    p = theta
    for _ in range(STEPS):
        g = torch.autograd.grad(F.cross_entropy(forward(p, xs, mode)[0], ys), p, create_graph=second)
        p = [a - LR * b for a, b in zip(p, g)]
    if not second:
        p = [a.detach().requires_grad_() for a in p]
    given = forward(p, xs, mode)[1] if mode == "SUPPORT" else None
    return F.cross_entropy(forward(p, xq, mode, given)[0], yq), p


def flat(ts):
    return torch.cat([t.reshape(-1) for t in ts])


generator = torch.Generator().manual_seed(5)
for mode in ["FIXED", "SUPPORT", "TRANSDUCTIVE"]:
    t = [a.clone().requires_grad_() for a in theta]
    g2 = flat(torch.autograd.grad(query_after(t, mode)[0], t))
    lq, p = query_after([a.clone().requires_grad_() for a in theta], mode, second=False)
    g1 = flat(torch.autograd.grad(lq, p))
    x2, x1 = load(f"g2_{mode}.bin"), load(f"g1_{mode}.bin")
    gap, h = 0.0, 1e-6
    for _ in range(1):
        v = torch.randn(g2.shape, generator=generator, dtype=dt)
        v /= v.norm()
        with torch.enable_grad():
            up = query_after([(a + h * b).requires_grad_() for a, b in zip(theta, split(v))], mode, False)[0].item()
            down = query_after([(a - h * b).requires_grad_() for a, b in zip(theta, split(v))], mode, False)[0].item()
        exact = float(g2 @ v)
        gap = max(gap, abs((up - down) / (2 * h) - exact) / max(abs(exact), 1e-3))
    print(mode, float((x2 - g2).norm() / g2.norm()), float((x1 - g1).norm() / g1.norm()), gap, float(g2.norm()),
          float(g1.norm()), flush=True)
