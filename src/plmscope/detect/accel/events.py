"""Leg movements from an envelope: hysteresis, a 0.5 s offset hold, fragments joined, 0.5 s minimum.

A movement starts where the envelope rises above the onset threshold and ends where it stays
below the offset threshold for at least ``hold_s``; so fragments on the same leg less than
``hold_s`` apart are one movement. Everything is vectorised over runs, never over samples.
"""

from __future__ import annotations

import numpy as np


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) sample indices of the True runs of ``mask`` (ends exclusive).

    >>> runs(np.array([0, 1, 1, 0, 1], bool))
    (array([1, 4]), array([3, 5]))
    """
    edges = np.diff(np.r_[0, mask.astype(np.int8), 0])
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def hysteresis_events(
    envelope: np.ndarray, sf: float, onset: float, offset: float, hold_s: float, min_s: float
) -> tuple[np.ndarray, np.ndarray]:
    """(onset, offset) sample indices of every movement (ends exclusive).

    >>> env = np.zeros(500); env[100:150] = 1.0; env[160:200] = 0.4; env[300:310] = 1.0
    >>> hysteresis_events(env, 100.0, 0.8, 0.3, 0.5, 0.5)
    (array([100]), array([200]))
    """
    high_start, high_end = runs(envelope > offset)
    if high_start.size == 0:
        return high_start, high_end
    hold = int(round(hold_s * sf))
    join = (high_start[1:] - high_end[:-1]) < hold
    group = np.r_[0, np.cumsum(~join)]
    n = group[-1] + 1
    g_start = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(g_start, group, high_start)
    g_end = np.zeros(n, np.int64)
    np.maximum.at(g_end, group, high_end)
    above = envelope > onset
    first_above = np.cumsum(above)
    count = first_above[g_end - 1] - np.r_[0, first_above][g_start]
    keep = count > 0
    g_start, g_end = g_start[keep], g_end[keep]
    # the movement starts at its first sample above the onset threshold
    idx = np.flatnonzero(above)
    starts = idx[np.searchsorted(idx, g_start)]
    long_enough = (g_end - starts) >= int(round(min_s * sf))
    return starts[long_enough], g_end[long_enough]
