"""Interval arithmetic on event times (seconds): union, overlap tests, covered time.

All functions are vectorised over numpy arrays. Comparisons that the rules state as exact
bounds ("≤ 10 s", "< 0.5 s") use ``TOLERANCE_S`` so that times read from files, which carry
float rounding (60.1 − 50.1 = 10.000000000000007), fall on the side the rule means.
"""

from __future__ import annotations

import numpy as np

#: Rounding tolerance for time comparisons (1 µs): not a rule number, far below any rule's scale.
TOLERANCE_S = 1e-6


def at_most(x: np.ndarray | float, limit: float) -> np.ndarray:
    """``x ≤ limit`` allowing for float rounding."""
    return np.asarray(x) <= limit + TOLERANCE_S


def at_least(x: np.ndarray | float, limit: float) -> np.ndarray:
    """``x ≥ limit`` allowing for float rounding."""
    return np.asarray(x) >= limit - TOLERANCE_S


def less_than(x: np.ndarray | float, limit: float) -> np.ndarray:
    """``x < limit`` allowing for float rounding (a value equal to the limit is not less)."""
    return np.asarray(x) < limit - TOLERANCE_S


def merge_intervals(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Union of intervals as sorted, disjoint ``(starts, ends)``; touching intervals merge."""
    s = np.asarray(starts, dtype=np.float64)
    e = np.asarray(ends, dtype=np.float64)
    keep = e > s
    s, e = s[keep], e[keep]
    if s.size == 0:
        return s, e
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(s.size, dtype=bool)
    new[1:] = s[1:] > reach[:-1]
    first = np.flatnonzero(new)
    return s[first], np.maximum.reduceat(e, first)


def clip_intervals(
    starts: np.ndarray, ends: np.ndarray, lo: float, hi: float
) -> tuple[np.ndarray, np.ndarray]:
    """The parts of the intervals inside ``[lo, hi]`` (empty parts dropped)."""
    s = np.clip(np.asarray(starts, dtype=np.float64), lo, hi)
    e = np.clip(np.asarray(ends, dtype=np.float64), lo, hi)
    keep = e > s
    return s[keep], e[keep]


def overlaps_any(
    onsets: np.ndarray,
    offsets: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    *,
    closed: bool = True,
) -> np.ndarray:
    """Whether each ``[onset, offset]`` meets any interval ``[start, end]``.

    ``closed=True`` counts touching ends as meeting; ``closed=False`` needs a real overlap
    (open intervals), which is how "less than X s apart" rules are written after widening.
    """
    on = np.asarray(onsets, dtype=np.float64)
    off = np.asarray(offsets, dtype=np.float64)
    ms, me = merge_intervals(starts, ends)
    out = np.zeros(on.shape, dtype=bool)
    if ms.size == 0 or on.size == 0:
        return out
    # the last merged interval starting no later than the offset has the latest end
    idx = np.searchsorted(ms, off, side="right" if closed else "left") - 1
    ok = idx >= 0
    last_end = me[idx[ok]]
    out[ok] = last_end >= on[ok] if closed else last_end > on[ok]
    return out


def covered_seconds(starts: np.ndarray, ends: np.ndarray, lo: float, hi: float) -> float:
    """Seconds of ``[lo, hi]`` covered by the union of the intervals."""
    ms, me = merge_intervals(starts, ends)
    cs, ce = clip_intervals(ms, me, lo, hi)
    return float(np.sum(ce - cs))
