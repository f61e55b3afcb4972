#!/usr/bin/python3
"""scikit-learn side of the svm/SVC comparison on the Brown genres (Debian python3-sklearn 1.2.1).

  svc_reference.py OUT
      reads OUT/pool.csv, OUT/test.csv and OUT/draws.csv (written by SvmAgainstSvc), fits
      StandardScaler + SVC(C=1, gamma='scale', probability=True, random_state=draw) on every draw, and writes
      OUT/sklearn.csv: accuracy of SVC.predict (one-vs-one votes on the decision values), of the argmax of
      SVC.predict_proba (Platt scaling with LIBSVM's internal 5-fold CV, pairwise coupling) and the NLL.
  svc_reference.py OUT table
      joins OUT/java.csv and OUT/sklearn.csv: means over the draws per k and the paired differences in points.
"""
import csv
import statistics
import sys
from pathlib import Path

import numpy as np


def read(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


def fit(out):
    from sklearn.metrics import log_loss
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    xp, yp = read(out / "pool.csv")
    xt, yt = read(out / "test.csv")
    classes = np.arange(yp.max() + 1)
    with open(out / "draws.csv") as f, open(out / "sklearn.csv", "w", newline="") as o:
        w = csv.writer(o)
        w.writerow(["k", "draw", "method", "accuracy", "nll"])
        for row in csv.DictReader(f):
            idx = np.array([int(i) for i in row["indices"].split()])
            model = make_pipeline(StandardScaler(), SVC(C=1.0, gamma="scale", probability=True,
                                                        random_state=int(row["draw"])))
            model.fit(xp[idx], yp[idx])
            proba = model.predict_proba(xt)
            nll = log_loss(yt, proba, labels=classes)
            votes = float(np.mean(model.predict(xt) == yt))
            argmax = float(np.mean(model.classes_[proba.argmax(axis=1)] == yt))
            w.writerow([row["k"], row["draw"], "SVC.predict", f"{votes:.6f}", f"{nll:.6f}"])
            w.writerow([row["k"], row["draw"], "SVC.predict_proba", f"{argmax:.6f}", f"{nll:.6f}"])


def table(out):
    results = {}
    for name in ("java.csv", "sklearn.csv"):
        with open(out / name) as f:
            for r in csv.DictReader(f):
                results.setdefault((int(r["k"]), r["method"]), {})[int(r["draw"])] = (float(r["accuracy"]),
                                                                                       float(r["nll"]))
    ks = sorted({k for k, _ in results})
    methods = sorted({m for _, m in results}, key=lambda m: (not m.startswith("SVC"), m))
    print("| per class | method | accuracy (mean of draws) | NLL | accuracy − SVC.predict (points, paired mean ± sd) |")
    print("|---|---|---|---|---|")
    for k in ks:
        ref = results[(k, "SVC.predict")]
        for m in methods:
            r = results.get((k, m))
            if not r:
                continue
            acc = statistics.mean(a for a, _ in r.values())
            nll = statistics.mean(n for _, n in r.values())
            diffs = [100 * (r[d][0] - ref[d][0]) for d in r if d in ref]
            sd = statistics.stdev(diffs) if len(diffs) > 1 else 0.0
            print(f"| {k} | {m} | {acc:.4f} | {nll:.3f} | {statistics.mean(diffs):+.1f} ± {sd:.1f} |")


if __name__ == "__main__":
    directory = Path(sys.argv[1])
    table(directory) if len(sys.argv) > 2 and sys.argv[2] == "table" else fit(directory)
