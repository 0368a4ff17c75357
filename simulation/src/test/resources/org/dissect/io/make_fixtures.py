#!/usr/bin/env python3
"""Writes the .npy fixtures of NpyReaderTest and CollapseDiagnosticsFixtureTest with NumPy itself.

Run from this directory:  python3 make_fixtures.py   (NumPy 2.4.6 produced the committed files).
Every array is a simple closed form, so the Java tests recompute the expected values.
"""
import math

import numpy as np
from numpy.lib import format as npformat


def save(name, array, version=None):
    with open(name, "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=False)


# Features: a[r, c] = 0.25 * (3 r + c) - 1, shape (4, 3).
features = np.arange(12, dtype="<f8").reshape(4, 3) * 0.25 - 1
save("features_f8_v1.npy", features, (1, 0))
save("features_f4_v2.npy", features.astype("<f4"), (2, 0))
save("features_f8_big_endian_v3.npy", features.astype(">f8"), (3, 0))
save("features_i8.npy", np.arange(12, dtype="<i8").reshape(4, 3) - 5)
save("features_fortran_order.npy", np.asfortranarray(features))

# Labels 0, 1, 2, 0, 1, 2 in every integer type the reader supports for labels.
labels = np.array([0, 1, 2, 0, 1, 2])
for dtype in ("<i8", "<i4", "|u1", "|i1"):
    save("labels_%s.npy" % dtype[1:], labels.astype(dtype))
save("labels_f8.npy", labels.astype("<f8"))
save("structured.npy", np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")]))


# A collapsed cross-entropy configuration (Corollary 2's optimum): K = 3, h = 2, rho = 1, four
# points per class at the vertices of the regular 2-simplex (an equilateral triangle inscribed in
# the unit circle), weights (r_W / rho) * zeta_y with lambda = 0.01.
def r_w(k, rho, lam):
    """Root of 2 lam x = rho / (exp(K rho x / (K-1)) + K - 1) by bisection on (0, rho/(2 lam K)]."""
    lo, hi = 0.0, rho / (2 * lam * k)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if 2 * lam * mid - rho / (math.exp(k * rho * mid / (k - 1)) + k - 1) < 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


K, RHO, LAM, PER_CLASS = 3, 1.0, 0.01, 4
angles = np.pi / 2 + 2 * np.pi * np.arange(K) / K
zeta = RHO * np.stack([np.cos(angles), np.sin(angles)], axis=1)
save("simplex_k3_points.npy", np.repeat(zeta, PER_CLASS, axis=0))
save("simplex_k3_labels.npy", np.repeat(np.arange(K), PER_CLASS).astype("<i8"))
save("simplex_k3_weights.npy", r_w(K, RHO, LAM) / RHO * zeta)
