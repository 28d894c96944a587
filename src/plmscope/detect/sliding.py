"""Running statistics over sliding windows, and peak picking, in plain numpy.

The detectors need a moving mean, a running minimum/maximum (a morphological opening), a
running percentile and peak picking. ``scipy.ndimage`` and ``scipy.signal`` have them, but
importing those costs about half a second at every start of the command line; these few
vectorised functions give the same results (the tests check them against scipy) and cost
nothing to import.

Window convention (as scipy's ``origin=0``): a window of ``size`` samples at index ``i`` covers
``[i - size // 2, i - size // 2 + size - 1]``; samples beyond the ends repeat the edge value
(scipy's ``mode="nearest"``).

>>> x = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
>>> np.round(moving_mean(x, 3), 3).tolist()
[2.333, 2.667, 2.0, 3.333, 5.0, 5.333, 5.667, 4.667]
>>> opening(x, 3).tolist()
[1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0]
>>> find_peaks(x, distance=2).tolist()
[2, 5]
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

#: Rows of windows sorted at once by the running percentile (bounds its temporary memory).
PERCENTILE_CHUNK = 16384


def _padded(x: np.ndarray, before: int, after: int) -> np.ndarray:
    """``x`` with its edge values repeated ``before`` / ``after`` times."""
    return np.pad(x, (max(before, 0), max(after, 0)), mode="edge")


#: Samples of output computed at once by the moving mean (its temporaries stay a few MB).
MEAN_CHUNK = 1 << 18


def moving_mean(x: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Mean over a window of ``size`` samples at each index (``uniform_filter1d``, nearest).

    With ``weights``, the moving mean of ``x * weights`` (the caller divides by the moving mean of
    the weights). Computed a chunk at a time from a local float64 cumulative sum, so temporaries
    stay small and rounding does not grow with the night's length; the result is in ``x``'s
    float type.
    """
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    n, size = len(x), max(int(size), 1)
    out = np.empty(n, dtype=dtype)
    before = size // 2  # window [i - before, i - before + size - 1]
    total = np.empty(min(n, MEAN_CHUNK) + size)
    for lo in range(0, n, MEAN_CHUNK):  # a loop over chunks, not samples
        hi = min(lo + MEAN_CHUNK, n)
        first, last = lo - before, hi - before + size - 1  # samples the chunk's windows use
        if first >= 0 and last <= n:
            seg = x[first:last] if weights is None else x[first:last] * weights[first:last]
        else:  # past an end: repeat the edge value
            idx = np.clip(np.arange(first, last), 0, n - 1)
            seg = x[idx] if weights is None else x[idx] * weights[idx]
        k = hi - lo
        total[0] = 0.0
        np.cumsum(seg, dtype=np.float64, out=total[1 : k + size])
        window = total[size : k + size] - total[:k]
        np.multiply(window, 1.0 / size, out=out[lo:hi], casting="same_kind")
    return out


def masked_moving_mean(x: np.ndarray, size: int, keep: np.ndarray, min_share: float) -> np.ndarray:
    """Mean of the kept samples (``keep`` True) in the window at each index; NaN where fewer than
    ``min_share`` of the window's samples are kept (nearest edges, like :func:`moving_mean`).

    >>> masked_moving_mean(np.array([1.0, 9.0, 3.0, 5.0]), 3, np.array([1, 0, 1, 1], bool), 0.5).tolist()
    [1.0, 2.0, 4.0, 4.333333333333333]
    """
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    n, size = len(x), max(int(size), 1)
    out = np.empty(n, dtype=dtype)
    before = size // 2
    for lo in range(0, n, MEAN_CHUNK):  # a loop over chunks, not samples
        hi = min(lo + MEAN_CHUNK, n)
        first, last = lo - before, hi - before + size - 1
        if first >= 0 and last <= n:
            kept, values = keep[first:last], x[first:last]
        else:  # past an end: repeat the edge value
            idx = np.clip(np.arange(first, last), 0, n - 1)
            kept, values = keep[idx], x[idx]
        values = np.where(kept, values, 0)
        sums = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
        counts = np.concatenate([[0], np.cumsum(kept, dtype=np.int64)])
        k = hi - lo
        total = sums[size : k + size] - sums[:k]
        count = counts[size : k + size] - counts[:k]
        enough = count >= min_share * size
        out[lo:hi] = np.where(enough, total / np.maximum(count, 1), np.nan)
    return out


def _running_extreme(x: np.ndarray, size: int, left: int, ufunc: np.ufunc) -> np.ndarray:
    """``ufunc`` (minimum/maximum) over ``[i - left, i - left + size - 1]`` (van Herk/Gil-Werman)."""
    n = len(x)
    if n == 0 or size <= 1:
        return x.copy()
    padded = _padded(x, left, size - 1 - left)  # window of output i starts at padded[i]
    m = len(padded)
    blocks = -(-m // size)
    fill = padded[-1]
    tiled = np.concatenate([padded, np.full(blocks * size - m, fill, dtype=padded.dtype)]).reshape(blocks, size)
    prefix = ufunc.accumulate(tiled, axis=1).ravel()
    suffix = ufunc.accumulate(tiled[:, ::-1], axis=1)[:, ::-1].ravel()
    starts = np.arange(n)
    return ufunc(suffix[starts], prefix[starts + size - 1])


def running_min(x: np.ndarray, size: int) -> np.ndarray:
    """Minimum over the window of ``size`` samples at each index (``minimum_filter1d``)."""
    return _running_extreme(np.asarray(x), int(size), int(size) // 2, np.minimum)


def running_max(x: np.ndarray, size: int) -> np.ndarray:
    """Maximum over the window of ``size`` samples at each index (``maximum_filter1d``)."""
    return _running_extreme(np.asarray(x), int(size), int(size) // 2, np.maximum)


def opening(x: np.ndarray, size: int) -> np.ndarray:
    """Morphological opening (running minimum, then maximum): ``grey_opening`` of scipy.

    Blind to anything narrower than ``size`` samples. For an even size the maximum's window is
    the minimum's mirrored (scipy reflects the structuring element), so the opening is exact.
    """
    x, size = np.asarray(x), int(size)
    eroded = _running_extreme(x, size, size // 2, np.minimum)
    return _running_extreme(eroded, size, size - 1 - size // 2, np.maximum)


def running_percentile(x: np.ndarray, percentile: float, size: int) -> np.ndarray:
    """The ``percentile`` (0-100) over the window at each index (``percentile_filter``).

    The rank is scipy's: ``int(size * percentile / 100)``, the largest value at 100.
    """
    size = int(size)
    return running_rank(x, min(int(float(size) * percentile / 100.0), size - 1), size)


def running_median(x: np.ndarray, size: int) -> np.ndarray:
    """Median over the window at each index (``median_filter`` of scipy)."""
    return running_rank(x, int(size) // 2, int(size))


def running_rank(x: np.ndarray, rank: int, size: int) -> np.ndarray:
    """The ``rank``-th smallest value (0-based) of the window at each index (``rank_filter``)."""
    x, size = np.asarray(x), int(size)
    if len(x) == 0 or size <= 1:
        return x.copy()
    half = size // 2
    padded = _padded(x, half, size - 1 - half)
    windows = sliding_window_view(padded, size)
    out = np.empty(len(x), dtype=x.dtype)
    for lo in range(0, len(x), PERCENTILE_CHUNK):  # a loop over chunks of rows, not samples
        hi = min(lo + PERCENTILE_CHUNK, len(x))
        out[lo:hi] = np.partition(windows[lo:hi], rank, axis=1)[:, rank]
    return out


def local_maxima(x: np.ndarray) -> np.ndarray:
    """Indices of local maxima: higher than both neighbours; a flat top gives its middle sample.

    Found between each rising step and the falling step that follows it (flat steps in between
    are a plateau), so only the non-flat steps are ever listed.
    """
    x = np.asarray(x)
    if len(x) < 3:
        return np.empty(0, dtype=np.int64)
    sign = (x[1:] > x[:-1]).view(np.int8) - (x[1:] < x[:-1]).view(np.int8)  # no float temporaries
    steps = np.flatnonzero(sign)  # where the signal rises or falls
    direction = sign[steps]
    peak = (direction[:-1] == 1) & (direction[1:] == -1)
    left = steps[:-1][peak] + 1  # first sample of the top
    right = steps[1:][peak]  # last sample of the top
    return ((left + right) // 2).astype(np.int64)


def _range_max(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Maximum of ``values[lo[k]:hi[k]]`` for every k (non-empty ranges), by a sparse table."""
    table = [values]
    width = 1
    while 2 * width <= len(values):
        prev = table[-1]
        table.append(np.maximum(prev[:-width], prev[width:]))
        width *= 2
    length = hi - lo
    level = np.floor(np.log2(np.maximum(length, 1))).astype(np.int64)
    out = np.empty(len(lo), dtype=values.dtype)
    for k in np.unique(level):  # one pass per power of two (log n), not per range
        pick = level == k
        span = 1 << int(k)
        out[pick] = np.maximum(table[k][lo[pick]], table[k][hi[pick] - span])
    return out


def find_peaks(x: np.ndarray, distance: int = 1) -> np.ndarray:
    """Local maxima at least ``distance`` samples apart, higher ones first (scipy's ``find_peaks``).

    Where two peaks are closer than ``distance``, the lower is dropped (of equal heights, the
    earlier). The greedy choice is made in parallel rounds: a peak whose priority is the highest
    among the peaks still standing within reach is kept, and those it overshadows go; this
    gives exactly the sequential greedy result, in a few vectorised rounds.
    """
    peaks = local_maxima(x)
    distance = int(np.ceil(distance))
    if distance <= 1 or len(peaks) < 2:
        return peaks
    order = np.lexsort((peaks, np.asarray(x)[peaks]))  # by height, then position
    priority = np.empty(len(peaks), dtype=np.int64)
    priority[order] = np.arange(len(peaks))
    alive = np.ones(len(peaks), dtype=bool)
    kept = np.zeros(len(peaks), dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        pos, pri = peaks[idx], priority[idx]
        lo = np.searchsorted(pos, pos - distance + 1, side="left")
        hi = np.searchsorted(pos, pos + distance - 1, side="right")
        winners = _range_max(pri, lo, hi) == pri
        kept[idx[winners]] = True
        # everything within reach of a winner goes (the winners too: they are decided)
        reach = np.zeros(len(idx) + 1, dtype=np.int64)
        np.add.at(reach, lo[winners], 1)
        np.add.at(reach, hi[winners], -1)
        alive[idx[np.cumsum(reach[:-1]) > 0]] = False
    return peaks[kept]
