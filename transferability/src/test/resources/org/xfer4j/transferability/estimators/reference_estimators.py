"""Straightforward NumPy references for Xfer4j's transferability estimators.

Reads CSV files (header: label, f0..f(d-1), p0..p(z-1); no p columns without a head) and prints one JSON object of
scores per file, one per line. Each estimator is written from its paper's definition with dense d x d matrices: no SVD, no shortcuts, so it
checks the algebra the Java code does in the SVD basis.
Usage: python3 reference_estimators.py data.csv...
"""
import csv
import json
import sys

import numpy as np
from sklearn.covariance import ledoit_wolf


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], np.array(rows[1:], dtype=float)
    y = body[:, 0].astype(int)
    f_cols = [i for i, h in enumerate(header) if h.startswith("f")]
    p_cols = [i for i, h in enumerate(header) if h.startswith("p")]
    return y, body[:, f_cols], (body[:, p_cols] if p_cols else None)


def logme(features, y, max_iterations=100, tolerance=1e-6, prior_dominates=1e10, noise_vanishes=1e-10):
    """Mean over classes of the per-example log evidence of Bayesian linear regression onto the one-hot column,
    alpha and beta by MacKay's fixed point (You et al., 2021); the iteration stops before a step whose alpha/beta
    leaves (noise_vanishes x the smallest non-zero eigenvalue of F'F, prior_dominates x the largest): there the
    evidence is at a limit while alpha or beta alone grows without bound."""
    n, d = features.shape
    gram = features.T @ features
    eigenvalues = np.linalg.eigvalsh(gram)
    largest = eigenvalues.max()
    smallest = eigenvalues[eigenvalues > 1e-12 * largest].min()

    def posterior(alpha, beta, t):
        a = alpha * np.eye(d) + beta * gram
        a_inv = np.linalg.inv(a)
        m = beta * a_inv @ features.T @ t
        gamma = d - alpha * np.trace(a_inv)
        residual = float(np.sum((t - features @ m) ** 2))
        return a, m, gamma, residual

    scores = []
    for c in np.unique(y):
        t = (y == c).astype(float)
        alpha, beta = 1.0, 1.0
        a, m, gamma, residual = posterior(alpha, beta, t)
        for _ in range(max_iterations):
            new_alpha = gamma / (m @ m)
            new_beta = (n - gamma) / residual
            if not noise_vanishes * smallest < new_alpha / new_beta < prior_dominates * largest:
                break
            change = abs(new_alpha / new_beta - alpha / beta) / (alpha / beta)
            alpha, beta = new_alpha, new_beta
            a, m, gamma, residual = posterior(alpha, beta, t)
            if change < tolerance:
                break
        log_det = np.linalg.slogdet(a)[1]
        evidence = (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - log_det / 2 - beta / 2 * residual
                    - alpha / 2 * (m @ m) - n / 2 * np.log(2 * np.pi))
        scores.append(evidence / n)
    return float(np.mean(scores))


def hscore(features, y):
    """tr(cov_f^-1 cov_g) with cov_f shrunk by Ledoit-Wolf (scikit-learn's estimate), cov_g the covariance of each
    example's class mean; both with 1/n."""
    shrunk, _ = ledoit_wolf(features)
    centred = features - features.mean(axis=0)
    g = np.zeros_like(centred)
    for c in np.unique(y):
        g[y == c] = centred[y == c].mean(axis=0)
    cov_g = g.T @ g / len(y)
    return float(np.trace(np.linalg.solve(shrunk, cov_g)))


def leep(p, y):
    """Mean log of the expected empirical prediction (Nguyen et al., 2020)."""
    n = len(y)
    joint = np.zeros((y.max() + 1, p.shape[1]))
    for i in range(n):
        joint[y[i]] += p[i] / n
    conditional = joint / joint.sum(axis=0, keepdims=True)
    return float(np.mean(np.log((p @ conditional.T)[np.arange(n), y])))


def nce(p, y):
    """Negative conditional entropy of the labels given the source model's most probable class (Tran et al., 2019)."""
    n = len(y)
    z = p.argmax(axis=1)
    joint = np.zeros((y.max() + 1, p.shape[1]))
    for i in range(n):
        joint[y[i], z[i]] += 1 / n
    marginal = joint.sum(axis=0)
    total = 0.0
    for c in range(joint.shape[0]):
        for k in range(joint.shape[1]):
            if joint[c, k] > 0:
                total += joint[c, k] * np.log(joint[c, k] / marginal[k])
    return float(total)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        labels, f, probabilities = read(path)
        out = {"logme": logme(f, labels), "hscore": hscore(f, labels)}
        if probabilities is not None:
            out["leep"] = leep(probabilities, labels)
            out["nce"] = nce(probabilities, labels)
        print(json.dumps(out))
