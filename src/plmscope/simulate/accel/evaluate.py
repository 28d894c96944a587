"""Detections against the simulator's truth: the event match rule the benchmarks use (as for EMG).

A detection matches a true monolateral LM on the same leg when they overlap and their onsets
are within 1 s; each is matched at most once (closest onsets first).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def matched_pairs(truth: pd.DataFrame, found: pd.DataFrame, leg: str, tolerance: float = 1.0) -> int:
    """How many one-to-one matches one leg has."""
    t = truth[truth["leg"] == leg]
    f = found[found["leg"] == leg].sort_values("onset")
    if t.empty or f.empty:
        return 0
    t_on, t_off = t["onset"].to_numpy(), t["offset"].to_numpy()
    f_on, f_off = f["onset"].to_numpy(), f["offset"].to_numpy()
    lo = np.searchsorted(f_on, t_on - tolerance, side="left")
    hi = np.searchsorted(f_on, t_on + tolerance, side="right")
    pairs = []
    for i in np.flatnonzero(hi > lo):  # a handful of candidates per true LM
        j = np.arange(lo[i], hi[i])
        ok = (f_on[j] < t_off[i]) & (f_off[j] > t_on[i])
        pairs += [(abs(f_on[k] - t_on[i]), i, k) for k in j[ok]]
    used_t, used_f, n = set(), set(), 0
    for _, i, k in sorted(pairs):
        if i not in used_t and k not in used_f:
            used_t.add(i), used_f.add(k)
            n += 1
    return n


def event_counts(truth: pd.DataFrame, found: pd.DataFrame, tolerance: float = 1.0) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over both legs."""
    tp = sum(matched_pairs(truth, found, leg, tolerance) for leg in ("left", "right"))
    return tp, len(found) - tp, len(truth) - tp


def event_f1(truth: pd.DataFrame, found: pd.DataFrame, tolerance: float = 1.0) -> float:
    """Event F1 of ``found`` against ``truth`` (1.0 when both are empty).

    >>> t = pd.DataFrame({"leg": ["left", "left"], "onset": [10.0, 40.0], "offset": [12.0, 41.0]})
    >>> f = pd.DataFrame({"leg": ["left", "right"], "onset": [10.4, 40.0], "offset": [11.5, 41.0]})
    >>> event_f1(t, f)
    0.5
    """
    tp, fp, fn = event_counts(truth, found, tolerance)
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
