"""What the scoring standard makes of one burst envelope: its LMs, or nothing (a decoy).

Applied to the *true* envelope ``a(t)`` (rise of the rectified EMG above the resting level,
see ``emg``), exactly as SCORING_RULES.md §1 reads: an LM starts where ``a`` first reaches the
onset threshold, ends at the start of the first stretch of at least ``offset_hold_s`` within
the offset threshold, lasts at least ``min_duration_s`` and (WASM) holds a window of
``morphology_window_s`` whose median is at least ``morphology_median_uv``.
"""

from __future__ import annotations

import numpy as np

from plmscope.rules import RuleSet


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop (exclusive) indices of each run of True."""
    edges = np.diff(np.r_[0, mask.astype(np.int8), 0])
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def active_spans(a: np.ndarray, fs: float, rules: RuleSet) -> list[tuple[int, int]]:
    """(onset, offset) sample indices of each onset-to-held-offset span, before any length check."""
    q_start, q_stop = _runs(a < rules.offset_threshold_uv)
    hold = max(1, int(np.ceil(rules.offset_hold_s * fs - 1e-9)))
    held = (q_stop - q_start) >= hold
    held |= q_stop == len(a)  # the envelope ends at rest: the burst is over
    seg_start, seg_stop = np.r_[0, q_stop[held]], np.r_[q_start[held], len(a)]
    rising = np.flatnonzero(a >= rules.onset_threshold_uv)
    spans = []
    for s0, s1 in zip(seg_start, seg_stop):  # a loop over the few segments of one burst
        inside = rising[(rising >= s0) & (rising < s1)]
        if len(inside):
            spans.append((int(inside[0]), int(s1)))
    return spans


def morphology_ok(a: np.ndarray, on: int, off: int, fs: float, rules: RuleSet) -> bool:
    """Whether ``a[on:off]`` holds a window whose median reaches the morphology level (WASM)."""
    if rules.morphology_window_s is None:
        return True
    width = max(1, round(rules.morphology_window_s * fs))
    high = np.r_[0, np.cumsum(a[on:off] >= rules.morphology_median_uv)]
    return bool(len(high) > width and np.any(high[width:] - high[:-width] > width // 2))


def scored_spans(a: np.ndarray, fs: float, rules: RuleSet) -> tuple[list, list]:
    """The spans the standard scores as LMs, and the rejected ones (too short, wrong shape)."""
    lms, rejected = [], []
    for on, off in active_spans(a, fs, rules):
        long_enough = (off - on) / fs >= rules.min_duration_s - 1e-9
        ok = long_enough and morphology_ok(a, on, off, fs, rules)
        (lms if ok else rejected).append((on, off))
    return lms, rejected


def decoy_span(a: np.ndarray, rules: RuleSet) -> tuple[int, int] | None:
    """The visible extent of a burst that is no LM: first to last sample above the offset level."""
    above = np.flatnonzero(a >= rules.offset_threshold_uv)
    return (int(above[0]), int(above[-1]) + 1) if len(above) else None
