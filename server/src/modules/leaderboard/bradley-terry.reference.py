"""Independent check of bradley-terry.ts: the same penalized logistic model, fitted with scipy.

Reads JSON {models, prior, rows: [[a, b, n, s, delta], ...], lengthControlled} on stdin; writes {x: [...]} (theta
per model, then beta when length-controlled). The model is written as a logistic regression on a design matrix
(+1 for model a, -1 for model b, delta for the length column) and minimized by scipy's trust-region Newton method
(trust-exact) with the exact gradient and Hessian X^T W X + lambda I, so it shares no code with the TypeScript fit.
"""
import json
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit

spec = json.load(sys.stdin)
rows = np.array(spec["rows"], dtype=float).reshape(-1, 5)
models = spec["models"]
lam = spec["prior"]
length_controlled = spec["lengthControlled"]
size = models + (1 if length_controlled else 0)
X = np.zeros((rows.shape[0], size))
X[np.arange(rows.shape[0]), rows[:, 0].astype(int)] += 1.0
X[np.arange(rows.shape[0]), rows[:, 1].astype(int)] -= 1.0
if length_controlled:
    X[:, models] = rows[:, 4]
n = rows[:, 2]
s = rows[:, 3]


def f(x):
    z = X @ x
    return -np.sum(s * log_expit(z) + (n - s) * log_expit(-z)) + lam / 2 * x @ x


def grad(x):
    return X.T @ (n * expit(X @ x) - s) + lam * x


def hess(x):
    p = expit(X @ x)
    return (X * (n * p * (1 - p))[:, None]).T @ X + lam * np.eye(size)


result = minimize(f, np.zeros(size), jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-12})
# trust-exact stops when it can no longer predict an improvement in f (about 1e-9 in the gradient at f ~ 1); a few
# plain Newton steps on the same gradient and Hessian take the gradient to rounding level.
x = result.x
for _ in range(10):
    x = x - np.linalg.solve(hess(x), grad(x))
if np.max(np.abs(grad(x))) > 1e-9:
    sys.exit("scipy did not converge: " + str(result.message))
json.dump({"x": x.tolist()}, sys.stdout)
