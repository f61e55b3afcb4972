"""PyTorch 1.13 reference for bench/meta: the same sine-wave meta-learning as Xfer4j's SineMetaBench.

Same net (1-64-64-1 tanh, Xavier-uniform weights, zero biases), same task distribution (amplitude U(0.1, 5),
phase U(0, 2pi), 5 support and 10 query points from U(-5, 5)), same hyper-parameters (read from the command line,
the defaults being the Java providers' defaults) and the same work per task: K full-batch SGD steps on the support
set (or, with innerBatch=B, on B shuffled support points in turn), the support loss after them, the query loss before
and after. `support=N` meta-trains on N support points per task (the bench's option of the same name); a `method.`
prefix applies an option to that method only. Prints one line per method in the Java bench's format. Usage: sine_reference.py META_STEPS METHODS [key=value ...]
"""
import math
import sys
import time

import torch

torch.manual_seed(1)
EVAL_TASKS = 200
DEFAULTS = {
    "reptile": dict(innerSteps=10, innerLr=0.02, outerLr=1.0, outerOptimizer="sgd", metaBatch=5, anneal=True,
                    innerBatch=0),
    "fomaml": dict(innerSteps=10, innerLr=0.02, outerLr=0.01, outerOptimizer="adam", metaBatch=5, anneal=False,
                   innerBatch=0),
    "maml": dict(innerSteps=10, innerLr=0.02, outerLr=0.001, outerOptimizer="adam", metaBatch=5, anneal=False,
                 innerBatch=0),
    "leap": dict(innerSteps=10, innerLr=0.02, outerLr=0.01, outerOptimizer="adam", metaBatch=5, anneal=False,
                 innerBatch=0),
}


def net():
    params = []
    for fan_in, fan_out in [(1, 64), (64, 64), (64, 1)]:
        w = torch.empty(fan_out, fan_in)
        torch.nn.init.xavier_uniform_(w)
        params += [w.requires_grad_(), torch.zeros(fan_out, requires_grad=True)]
    return params


def forward(p, x):
    h = torch.tanh(torch.nn.functional.linear(x, p[0], p[1]))
    h = torch.tanh(torch.nn.functional.linear(h, p[2], p[3]))
    return torch.nn.functional.linear(h, p[4], p[5])


def loss(p, x, y):
    return torch.mean((forward(p, x) - y) ** 2)


def wave(rng):
    return 0.1 + 4.9 * rng.random(), 2 * math.pi * rng.random()


def points(rng, amplitude, phase, n, lo=-5.0, hi=5.0):
    x = torch.tensor([[lo + (hi - lo) * rng.random()] for _ in range(n)])
    return x, amplitude * torch.sin(x + phase)


def adapt(p, x, y, steps, lr, second_order=False, trajectory=False, batch=0):
    """K SGD steps (on `batch` points in turn where 0 < batch < len(x)); returns adapted params, support losses
    f_0..f_K (f_K on all points) and (for Leap) params and gradients per step."""
    losses, path, grads = [], [], []
    n = len(x)
    for i in range(steps):
        if 0 < batch < n:
            rows = [(i * batch + j) % n for j in range(batch)]
            l = loss(p, x[rows], y[rows])
        else:
            l = loss(p, x, y)
        g = torch.autograd.grad(l, p, create_graph=second_order)
        losses.append(l.item())
        if trajectory:
            path.append([t.detach() for t in p])
            grads.append([t.detach() for t in g])
        p = [t - lr * gt for t, gt in zip(p, g)]
    losses.append(loss(p, x, y).item())
    if trajectory:
        path.append([t.detach() for t in p])
    return p, losses, path, grads


def meta_train(method, steps, o, rng, support=5):
    theta = net()
    outer = (torch.optim.Adam(theta, lr=o["outerLr"]) if o["outerOptimizer"] == "adam"
             else torch.optim.SGD(theta, lr=o["outerLr"]))
    for step in range(1, steps + 1):
        if o["anneal"]:
            for group in outer.param_groups:
                group["lr"] = o["outerLr"] * (1 - (step - 1) / steps)
        direction = [torch.zeros_like(t) for t in theta]
        for _ in range(o["metaBatch"]):
            a, ph = wave(rng)
            xs, ys = points(rng, a, ph, support)
            xq, yq = points(rng, a, ph, 10)
            if 0 < o["innerBatch"] < support:  # a shuffled order, as the Java learner takes its batches from
                order = list(range(support))
                rng.shuffle(order)
                xs, ys = xs[order], ys[order]
            second = method == "maml"
            start = theta if second else [t.detach().requires_grad_() for t in theta]
            with torch.no_grad():
                loss(theta, xq, yq).item()  # query loss before adaptation, as the Java loop logs it
            adapted, f, path, grads = adapt(start, xs, ys, o["innerSteps"], o["innerLr"], second, method == "leap",
                                            o["innerBatch"])
            lq = loss(adapted, xq, yq)
            if method == "reptile":
                g = [t.detach() - s.detach() for t, s in zip(theta, adapted)]
            elif method == "fomaml":
                g = torch.autograd.grad(lq, adapted)
            elif method == "maml":
                g = torch.autograd.grad(lq, theta)
            else:  # leap, path length with the loss term
                lq.item()
                g = [torch.zeros_like(t) for t in theta]
                for i in range(1, len(path)):
                    d = [b - a_ for b, a_ in zip(path[i], path[i - 1])]
                    df = f[i] - f[i - 1]
                    df = -df if df > 0 else df
                    n = math.sqrt(df * df + sum(float((t * t).sum()) for t in d))
                    g = [gt - (dt + df * gg) / n for gt, dt, gg in zip(g, d, grads[i - 1])]
            for dt, gt in zip(direction, g):
                dt += gt / o["metaBatch"]
        for t, dt in zip(theta, direction):
            t.grad = dt.detach().clone()
        outer.step()
    return [t.detach() for t in theta]


def evaluate(theta, support, lo, steps, lr=0.02, test=50, seed=2026):
    """Mean test MSE over EVAL_TASKS waves after adapting on `support` points from U(lo, 5) with `steps` SGD steps."""
    import random
    rng = random.Random(seed)
    total = 0.0
    for _ in range(EVAL_TASKS):
        a, ph = wave(rng)
        xs, ys = points(rng, a, ph, support, lo, 5.0)
        xq, yq = points(rng, a, ph, test)
        p = [t.clone().requires_grad_() for t in theta]
        for _ in range(steps):
            g = torch.autograd.grad(loss(p, xs, ys), p)
            p = [(t - lr * gt).detach().requires_grad_() for t, gt in zip(p, g)]
        with torch.no_grad():
            total += loss(p, xq, yq).item()
    return total / EVAL_TASKS


def report(name, ms, theta):
    print("torch %-14s ms/1000=%9.1f mse5x10=%.3f robust5x10=%.3f mse10x32=%.3f"
          % (name, ms, evaluate(theta, 5, -5.0, 10), evaluate(theta, 5, 0.0, 10), evaluate(theta, 10, -5.0, 32)),
          flush=True)


def main():
    import random
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    methods = (sys.argv[2] if len(sys.argv) > 2 else "reptile,fomaml,maml,leap").split(",")
    extra = dict(a.split("=", 1) for a in sys.argv[3:])
    torch.set_num_threads(int(extra.pop("threads", "1")))
    task_seed = int(extra.pop("seed", "1"))  # the task draws; the Java side's "seed" option does the same
    report("random-init", float("nan"), [t.detach() for t in net()])
    for method in methods:
        # options without a prefix apply to every method, "method.key=value" to that method only (as in the Java bench)
        mine = {k: v for k, v in extra.items() if "." not in k}
        mine.update({k.split(".", 1)[1]: v for k, v in extra.items() if k.startswith(method + ".")})
        support = int(mine.pop("support", "5"))  # support points per meta-training task
        o = dict(DEFAULTS[method])
        for k, v in mine.items():
            o[k] = type(o[k])(v) if not isinstance(o[k], bool) else v == "true"
        meta_train(method, 20, o, random.Random(7), support)  # warm-up
        start = time.perf_counter()
        theta = meta_train(method, steps, o, random.Random(task_seed), support)
        report(method, (time.perf_counter() - start) * 1e6 / steps, theta)


if __name__ == "__main__":
    main()
