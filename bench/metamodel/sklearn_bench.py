#!/usr/bin/python3
"""scikit-learn side of the meta-model benchmark (Debian python3-sklearn 1.2.1).

  prepare OUT [--extra NAME=features.csv ...]
      writes OUT/NAME.train.csv and OUT/NAME.test.csv (header f0..f{d-1},label; stratified 70/30, seed 0)
      for iris, wine, breast_cancer, digits and every extra feature CSV: either features then an integer label
      column, or SubjectFeatureExport's "index,label,split,f0..": its own split and labels (sorted names -> 0, 1..)
  fit OUT --repeats N
      fits StandardScaler + LogisticRegression, SVC(kernel=linear|rbf, probability=True) on every split in OUT,
      times (wall and process CPU) the median of N fits after one warm-up, writes OUT/sklearn.csv
  table OUT
      joins OUT/java.csv and OUT/sklearn.csv into a markdown table (accuracy difference, fit-time ratio)
"""
import csv
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn import datasets
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

BUILTIN = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
}

# method id as the Java side names it -> scikit-learn estimator
METHODS = {
    "lr": lambda: make_pipeline(StandardScaler(), LogisticRegression()),
    "svm-linear": lambda: make_pipeline(StandardScaler(), SVC(kernel="linear", probability=True, random_state=0)),
    "svm-rbf": lambda: make_pipeline(StandardScaler(), SVC(kernel="rbf", probability=True, random_state=0)),
}


def write_split(out, name, x, y):
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.3, stratify=y, random_state=0)
    write_parts(out, name, xtr, ytr, xte, yte)


def write_parts(out, name, xtr, ytr, xte, yte):
    header = [f"f{j}" for j in range(xtr.shape[1])] + ["label"]
    for part, xs, ys in (("train", xtr, ytr), ("test", xte, yte)):
        with open(out / f"{name}.{part}.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for row, label in zip(xs, ys):
                w.writerow([repr(float(v)) for v in row] + [int(label)])


def prepare(out, extras):
    out.mkdir(parents=True, exist_ok=True)
    for name, load in BUILTIN.items():
        d = load()
        write_split(out, name, d.data.astype(np.float32), d.target)
    for spec in extras:
        name, path = spec.split("=", 1)
        with open(path) as f:
            header = f.readline().strip().split(",")
        if header[:3] == ["index", "label", "split"]:
            write_exported(out, name, path)
        else:
            data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
            write_split(out, name, data[:, :-1].astype(np.float32), data[:, -1].astype(int))


def write_exported(out, name, path):
    """SubjectFeatureExport's CSV keeps the product's own train/test split."""
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    names = sorted({r[1] for r in rows})
    x = np.array([[float(v) for v in r[3:]] for r in rows], dtype=np.float32)
    y = np.array([names.index(r[1]) for r in rows])
    train = np.array([r[2] == "train" for r in rows])
    write_parts(out, name, x[train], y[train], x[~train], y[~train])


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return data[:, :-1].astype(np.float32), data[:, -1].astype(int)


def fit(out, repeats):
    rows = []
    for train in sorted(out.glob("*.train.csv")):
        name = train.name[: -len(".train.csv")]
        xtr, ytr = load(train)
        xte, yte = load(out / f"{name}.test.csv")
        for method, make in METHODS.items():
            make().fit(xtr, ytr)  # warm-up: imports, caches
            times, cpu = [], []
            for _ in range(repeats):
                model = make()
                c0, t0 = time.process_time(), time.perf_counter()
                model.fit(xtr, ytr)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            p = model.predict_proba(xte)
            rows.append([name, method, accuracy_score(yte, p.argmax(axis=1)), log_loss(yte, p, labels=model.classes_),
                         statistics.median(times), statistics.median(cpu)])
            print("sklearn", *rows[-1], flush=True)
    with open(out / "sklearn.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["dataset", "method", "accuracy", "nll", "fit_seconds", "cpu_seconds"])
        w.writerows(rows)


def table(out):
    def read(path):
        with open(path) as f:
            return {(r["dataset"], r["method"]): r for r in csv.DictReader(f)}

    java, sk = read(out / "java.csv"), read(out / "sklearn.csv")
    print("| dataset | method | n train | accuracy Xfer4j | accuracy sklearn | difference (points) "
          "| NLL Xfer4j | NLL sklearn | ECE Xfer4j | fit Xfer4j (s) | fit sklearn (s) | wall-time ratio "
          "| CPU-time ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key in sorted(java):
        j = java[key]
        s = sk.get(key)
        if s is None:
            print(f"| {key[0]} | {key[1]} | {j['n_train']} | {float(j['accuracy']):.4f} | – | – "
                  f"| {float(j['nll']):.3f} | – | {float(j['ece']):.3f} | {float(j['fit_seconds']):.3f} | – | – | – |")
            continue
        ja, sa = float(j["accuracy"]), float(s["accuracy"])
        jt, st = float(j["fit_seconds"]), float(s["fit_seconds"])
        jc, sc = float(j["cpu_seconds"]), float(s["cpu_seconds"])
        # process CPU clocks tick every 10 ms: shorter fits have no meaningful CPU ratio
        cpu_ratio = f"{jc / sc:.2f}" if min(jc, sc) >= 0.02 else "–"
        print(f"| {key[0]} | {key[1]} | {j['n_train']} | {ja:.4f} | {sa:.4f} | {100 * (ja - sa):+.2f} "
              f"| {float(j['nll']):.3f} | {float(s['nll']):.3f} | {float(j['ece']):.3f} | {jt:.3f} | {st:.3f} "
              f"| {jt / st:.2f} | {cpu_ratio} |")


def main(argv):
    # LogisticRegression stops at its default max_iter=100 on the larger sets; that default is the reference
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    if len(argv) < 2 or argv[0] not in ("prepare", "fit", "table"):
        sys.exit(__doc__)
    out = Path(argv[1])
    if argv[0] == "prepare":
        extras = [argv[i + 1] for i in range(2, len(argv) - 1) if argv[i] == "--extra"]
        prepare(out, extras)
    elif argv[0] == "fit":
        repeats = int(argv[argv.index("--repeats") + 1]) if "--repeats" in argv else 5
        fit(out, repeats)
    else:
        table(out)


if __name__ == "__main__":
    main(sys.argv[1:])
