"""Timestamps to a regular grid: the sampling rate, the gaps, resampling when the clock jitters.

Phones and some loggers sample irregularly; Axivity files drift a little from their nominal rate.
The rate is estimated from the median interval between samples (snapped to a usual rate when
within 0.5 %), samples are put on a regular grid of that rate by linear interpolation (only when
the timestamps stray from it), and any pause longer than ``max(1 s, 5 intervals)`` is a gap:
filled by interpolation so that filters do not ring, and reported so it is never scored.
"""

from __future__ import annotations

import numpy as np

from plmscope.errors import PlmscopeInputError

#: Rates accelerometers and phones commonly record at (Hz); an estimate this close is snapped.
USUAL_RATES: tuple[float, ...] = (
    10.0, 12.5, 20.0, 25.0, 30.0, 32.0, 40.0, 50.0, 60.0, 64.0, 80.0, 90.0, 100.0, 120.0, 128.0,
    200.0, 256.0, 400.0, 800.0,
)  # fmt: skip
SNAP_TOLERANCE = 0.005
MIN_GAP_S = 1.0
GAP_INTERVALS = 5.0
#: Grid error (in sample intervals) above which the samples are resampled onto the grid.
JITTER_INTERVALS = 0.25


#: Intervals the median is taken over (evenly spread): the rate of a night in a millisecond.
RATE_SAMPLE = 100_000


def estimate_rate(times: np.ndarray, source: str = "", *, intervals: np.ndarray | None = None) -> float:
    """Sampling rate (Hz) from sample times in seconds: 1 / median interval, snapped to a usual rate.

    ``intervals`` are the differences of ``times`` when the caller has them already.

    >>> estimate_rate(np.arange(1000) / 50.0 + 0.0001)
    50.0
    >>> round(estimate_rate(np.arange(1000) * 0.0213), 2)
    46.95
    """
    dt = np.diff(np.asarray(times, dtype=np.float64)) if intervals is None else intervals
    dt = dt[:: max(1, dt.size // RATE_SAMPLE)]
    dt = dt[dt > 0]
    if dt.size == 0:
        raise PlmscopeInputError("timestamps do not increase: cannot tell the sampling rate", path=source or None)
    rate = 1.0 / float(np.median(dt))
    usual = np.asarray(USUAL_RATES)
    near = usual[np.abs(usual / rate - 1.0) <= SNAP_TOLERANCE]
    return float(near[0]) if near.size else rate


def find_gaps(times: np.ndarray, sf: float, *, intervals: np.ndarray | None = None) -> list[tuple[float, float]]:
    """(onset, duration) in seconds from the first sample of every pause longer than a gap.

    >>> find_gaps(np.r_[np.arange(10), np.arange(20, 30)] / 10.0, 10.0)
    [(1.0, 1.0)]
    """
    t = np.asarray(times, dtype=np.float64)
    step = np.diff(t) if intervals is None else intervals
    limit = max(MIN_GAP_S, GAP_INTERVALS / sf)
    at = np.flatnonzero(step > limit)
    return [(round(float(t[i] - t[0]) + 1.0 / sf, 6), round(float(step[i]) - 1.0 / sf, 6)) for i in at]


def grid_error(rel: np.ndarray, sf: float) -> float:
    """Largest distance (in sample intervals) of the times ``rel`` (s from the first) from sample k's k / sf."""
    error = rel * sf  # one scratch array, worked in place
    error -= np.arange(len(rel), dtype=np.float64)
    return float(np.abs(error, out=error).max())


def to_regular_grid(
    times: np.ndarray, xyz: np.ndarray, sf: float | None = None, source: str = ""
) -> tuple[np.ndarray, float, list[tuple[float, float]], bool]:
    """Samples at ``times`` (s) on a regular grid: (xyz on the grid, rate, gaps, resampled?).

    Unsorted or repeated timestamps are sorted and the repeats dropped first. Samples already on
    the grid (every one within a quarter interval of it) are returned as they are, not copied.

    >>> t = np.r_[np.arange(100), np.arange(160, 260)] / 10.0   # 6 s pause after 10 s
    >>> grid, sf, gaps, resampled = to_regular_grid(t, np.ones((200, 3), np.float32))
    >>> sf, gaps, grid.shape, resampled
    (10.0, [(10.0, 6.0)], (260, 3), True)
    """
    t = np.asarray(times, dtype=np.float64)
    if t.size < 2:
        raise PlmscopeInputError("fewer than two samples", path=source or None)
    intervals = np.diff(t)
    if not (intervals > 0).all():
        order = np.argsort(t, kind="stable")
        t, xyz = t[order], xyz[order]
        keep = np.r_[True, np.diff(t) > 0]
        t, xyz = t[keep], xyz[keep]
        intervals = np.diff(t)
    sf = sf or estimate_rate(t, source, intervals=intervals)
    gaps = find_gaps(t, sf, intervals=intervals)
    del intervals
    rel = t - t[0] if t[0] != 0.0 else t
    n = int(np.round(rel[-1] * sf)) + 1
    if n == len(t) and grid_error(rel, sf) <= JITTER_INTERVALS:
        return np.ascontiguousarray(xyz, dtype=np.float32), sf, gaps, False
    grid = np.arange(n) / sf
    out = np.empty((n, 3), dtype=np.float32)
    for axis in range(3):
        out[:, axis] = np.interp(grid, rel, xyz[:, axis])
    return out, sf, gaps, True
