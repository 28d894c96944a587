"""Where gravity points, second by second: the posture of the leg, robust to brief movements.

Each second's mean of the raw axes, then a running median over 5 s (as HDCZA does), so that a
leg movement of a second or two does not move it; angles between directions are in degrees.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import median_filter


def unit(v: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norm = np.linalg.norm(v, axis=-1, keepdims=True)
    return np.divide(v, norm, out=np.zeros_like(v), where=norm > 0)


def gravity_seconds(xyz: np.ndarray, sf: float, median_s: float = 5.0) -> np.ndarray:
    """Direction of gravity in each whole second (unit vectors, shape (n_seconds, 3)).

    >>> x = np.tile(np.float32([0.0, 0.0, 2.0]), (500, 1))
    >>> gravity_seconds(x, 50.0)[:2]
    array([[0., 0., 1.],
           [0., 0., 1.]])
    """
    step = int(round(sf))
    n = len(xyz) // step
    if n == 0:
        return np.zeros((0, 3))
    if abs(step - sf) < 1e-9:
        means = np.asarray(xyz[: n * step], dtype=np.float64).reshape(n, step, 3).mean(axis=1)
    else:  # a rate that is not a whole number of samples per second
        edges = np.round(np.arange(n + 1) * sf).astype(np.int64)
        sums = np.add.reduceat(np.asarray(xyz, dtype=np.float64), edges[:-1], axis=0)
        means = sums / np.diff(edges)[:, None]
    width = max(1, int(round(median_s)))
    return unit(median_filter(means, size=(width, 1), mode="nearest"))


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Angle in degrees between matching rows of ``a`` and ``b`` (unit vectors)."""
    dot = np.clip(np.einsum("ij,ij->i", unit(a), unit(b)), -1.0, 1.0)
    return np.degrees(np.arccos(dot))


def window_means(seconds: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Mean direction over each [start, end) of whole seconds (clipped to the night)."""
    n = len(seconds)
    cs = np.vstack([np.zeros((1, 3)), np.cumsum(seconds, axis=0)])
    lo = np.clip(starts, 0, n).astype(np.int64)
    hi = np.clip(ends, 0, n).astype(np.int64)
    hi = np.maximum(hi, np.minimum(lo + 1, n))
    lo = np.minimum(lo, hi - 1).clip(0)
    return unit(cs[hi] - cs[lo])


def turn_across(seconds: np.ndarray, onsets: np.ndarray, offsets: np.ndarray, window_s: float) -> np.ndarray:
    """How far gravity turned (degrees) from before each movement to after it — and stayed turned."""
    if len(onsets) == 0 or len(seconds) == 0:
        return np.zeros(len(onsets))
    before = window_means(seconds, np.floor(onsets - 0.5 - window_s), np.floor(onsets - 0.5))
    after = window_means(seconds, np.ceil(offsets + 0.5), np.ceil(offsets + 0.5 + window_s))
    return angle_between(before, after)
