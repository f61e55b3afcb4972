"""PyTorch 1.13 reference for bench/README's "FOMAML with batch statistics": first- and second-order MAML on glyph
episodes with the few-shot CNN cnn:1x28:2x16:5 (2 blocks of 3x3 conv with 16 filters, padding 1, batch norm, ReLU, 2x2
max pooling; a dense layer from 784 features to 5 logits), batch norm on fixed statistics (an affine map), support
statistics (queries normalised by the support set's, at the same parameters) or transductive ones (F.batch_norm with
training=True on each batch), 5-way 1-shot, 5 queries, 4 tasks per meta-step, 5 inner SGD steps, outer Adam.
Meta-validation every 100 steps: query accuracy after the inner steps on 100 tasks of 5 held-out alphabets.
Usage: maml_bn_reference.py META_STEPS RUN... where RUN is method:batchNorm[:innerLr[:outerLr[:clip[:innerSteps]]]],
such as maml:support:0.1:0.001:10 (clip: the outer gradient's norm per task is cut to it, 0 none; innerSteps 5 unless
given, in meta-training and validation alike); or
maml_bn_reference.py curvature [innerLr...]: at the initialisation, on 3 meta-training episodes, per batch-norm mode
the inner learning rate times the top Hessian eigenvalue of the support loss at each inner step (above 2 a step
overshoots along that direction, and differentiating through it amplifies) and the norms of the second- and
first-order outer gradients.
"""
import glob
import os
import random
import sys

import numpy as np
import torch
import torch.nn.functional as F

from cnn_reference import episode as cnn_episode

TASKS, INNER = 4, 5  # episodes are 5-way 1-shot with 5 queries, as cnn_reference draws them


def glyphs():
    for d in glob.glob(os.path.expanduser("~/.cache/xfer4j/datasets/glyphs-*")):
        if "scripts=all" in open(os.path.join(d, "manifest.txt")).read():
            raw = open(os.path.join(d, "images.idx"), "rb").read()
            n = int.from_bytes(raw[4:8], "big")
            images = torch.from_numpy(np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, 1, 28, 28).astype(
                np.float32) / 255)
            scripts = [l.split("\t")[1] for l in open(os.path.join(d, "classes.tsv")).read().strip().split("\n")[1:]]
            return images, scripts
    raise SystemExit("no glyph set with scripts=all in ~/.cache/xfer4j/datasets (xfer4j data glyphs draws it)")


def net(seed):
    g = torch.Generator().manual_seed(seed)
    params, channels = [], 1
    for _ in range(2):
        bound = (6 / (channels * 9)) ** 0.5  # He uniform
        params += [(torch.rand(16, channels, 3, 3, generator=g) * 2 - 1) * bound, torch.zeros(16), torch.ones(16),
                   torch.zeros(16)]
        channels = 16
    bound = (6 / (784 + 5)) ** 0.5  # Xavier uniform
    params += [(torch.rand(5, 784, generator=g) * 2 - 1) * bound, torch.zeros(5)]
    return [p.requires_grad_() for p in params]


def forward(p, x, mode, given=None):
    """Logits and each block's batch statistics; given: the statistics to normalise by (support mode's queries)."""
    got = []
    for b in range(2):
        x = F.conv2d(x, p[4 * b], p[4 * b + 1], padding=1)
        if mode == "fixed":
            m, v = torch.zeros(1, 16, 1, 1), torch.ones(1, 16, 1, 1)
        elif given is not None:
            m, v = given[b]
        else:
            m, v = x.mean((0, 2, 3), keepdim=True), x.var((0, 2, 3), unbiased=False, keepdim=True)
        got.append((m, v))
        x = (x - m) / torch.sqrt(v + 1e-5) * p[4 * b + 2].view(1, -1, 1, 1) + p[4 * b + 3].view(1, -1, 1, 1)
        x = F.max_pool2d(F.relu(x), 2)
    return F.linear(x.flatten(1), p[8], p[9]), got


def adapt(theta, task, mode, lr, second, steps=INNER):
    xs, ys, xq, yq = task
    p = theta if second else [t.detach().requires_grad_() for t in theta]
    for _ in range(steps):
        g = torch.autograd.grad(F.cross_entropy(forward(p, xs, mode)[0], ys), p, create_graph=second)
        p = [t - lr * gt for t, gt in zip(p, g)]
    given = forward(p, xs, mode)[1] if mode == "support" else None
    logits = forward(p, xq, mode, given)[0]
    return F.cross_entropy(logits, yq), (logits.argmax(1) == yq).float().mean().item(), p


def episode(data, classes, rng):
    return cnn_episode(*data, rng, classes)


def run(spec, steps, data, train, validation):
    parts = spec.split(":")
    method, mode = parts[0], parts[1]
    lr, outer_lr, clip, inner = [float(x) for x in (parts[2:] + ["0.1", "0.001", "0", str(INNER)][len(parts) - 2:])]
    inner = int(inner)
    theta = net(1)
    outer = torch.optim.Adam(theta, lr=outer_lr)
    rng = random.Random(1)
    tasks = [episode(data, validation, random.Random(1000 + i)) for i in range(100)]
    scores, norms = [], []
    for step in range(1, steps + 1):
        direction = [torch.zeros_like(t) for t in theta]
        for _ in range(TASKS):
            lq, _, p = adapt(theta, episode(data, train, rng), mode, lr, method == "maml", inner)
            g = torch.autograd.grad(lq, theta if method == "maml" else p)
            n = torch.sqrt(sum((x * x).sum() for x in g)).item()
            norms.append(n)
            scale = min(1.0, clip / n) if clip > 0 else 1.0
            for d, gt in zip(direction, g):
                d += gt * scale / TASKS
        for t, d in zip(theta, direction):
            t.grad = d
        outer.step()
        if step % 100 == 0:
            acc = np.mean([adapt(theta, t, mode, lr, False, inner)[1] for t in tasks])
            scores.append("%.3f" % acc)
    print("%-32s validation %s  task outer-gradient norm median %.1f (first 100 steps %.1f)"
          % (spec, " / ".join(scores), np.median(norms), np.median(norms[:400])), flush=True)


def top_eigenvalue(p0, task, mode, iterations=20):
    """The largest Hessian eigenvalue of the support loss at p0, by power iteration on Hessian-vector products."""
    p = [t.detach().requires_grad_() for t in p0]
    g = torch.autograd.grad(F.cross_entropy(forward(p, task[0], mode)[0], task[1]), p, create_graph=True)
    v, value = [torch.randn_like(t) for t in p], 0.0
    for _ in range(iterations):
        norm = torch.sqrt(sum((t * t).sum() for t in v))
        v = [t / norm for t in v]
        hv = torch.autograd.grad(g, p, v, retain_graph=True)
        value = float(sum((a * b).sum() for a, b in zip(hv, v)))
        v = [t.detach() for t in hv]
    return value


def curvature(data, train, rates):
    theta = net(1)
    for i in range(3):
        task = episode(data, train, random.Random(500 + i))
        for mode in ("fixed", "support", "transductive"):
            for lr in rates:
                p, tops = theta, []
                for _ in range(INNER):
                    tops.append(lr * top_eigenvalue(p, task, mode))
                    g = torch.autograd.grad(F.cross_entropy(forward(p, task[0], mode)[0], task[1]), p,
                                            create_graph=True)
                    p = [t - lr * gt for t, gt in zip(p, g)]
                given = forward(p, task[0], mode)[1] if mode == "support" else None
                lq = F.cross_entropy(forward(p, task[2], mode, given)[0], task[3])
                second = torch.sqrt(sum((g * g).sum() for g in torch.autograd.grad(lq, theta, retain_graph=True)))
                first = torch.sqrt(sum((g * g).sum() for g in torch.autograd.grad(lq, p)))
                print("episode %d %-12s innerLr %-5g lr*top eigenvalue per step %s  |second order| %8.1f  "
                      "|first order| %5.1f" % (i, mode, lr, " ".join("%5.1f" % t for t in tops), second, first),
                      flush=True)


def main():
    torch.set_num_threads(1)
    torch.manual_seed(1)
    images, scripts = glyphs()
    names = sorted(set(scripts))
    random.Random(5).shuffle(names)
    held = set(names[:5])
    validation = [c for c, s in enumerate(scripts) if s in held]
    train = [c for c, s in enumerate(scripts) if s not in held]
    per_class = len(images) // len(scripts)  # the set stores each class's samples together
    by_class = {c: list(range(c * per_class, (c + 1) * per_class)) for c in range(len(scripts))}
    if sys.argv[1] == "curvature":
        curvature((images, by_class), train, [float(x) for x in sys.argv[2:]] or [0.1])
        return
    for spec in sys.argv[2:]:
        run(spec, int(sys.argv[1]), (images, by_class), train, validation)


if __name__ == "__main__":
    main()
