"""Monolateral leg movements from the envelope's rise above the resting level (rules §1).

Onset: the first point 8 µV above rest. Offset: the start of the first stretch of at least
0.5 s that stays within 2 µV of rest. Kept: movements of at least 0.5 s that (WASM computer
detection) contain 0.5 s whose median is at least 2 µV above rest. Long movements stay in the
table, flagged: the scorer decides what they count for under each rule set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.rules import RuleSet

MOVEMENT_COLUMNS = ("leg", "onset", "offset", "duration", "peak_uv", "mean_uv", "long")


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop (exclusive) indices of each run of True in ``mask``."""
    edges = np.diff(np.r_[0, mask.view(np.int8), 0])
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def hysteresis_movements(
    excess: np.ndarray, scorable: np.ndarray, env_sf: float, rules: RuleSet
) -> tuple[np.ndarray, np.ndarray]:
    """Onset and offset indices: rise above the onset threshold, end at a held quiet stretch.

    Unscorable samples count as quiet and can hold no onset, so detection stops there.
    """
    quiet = (excess < rules.offset_threshold_uv) | ~scorable
    q_start, q_stop = runs(quiet)
    held = (q_stop - q_start) >= max(1, int(np.ceil(rules.offset_hold_s * env_sf - 1e-9)))
    q_start, q_stop = q_start[held], q_stop[held]
    seg_start = np.r_[0, q_stop]  # active stretches lie between held quiet stretches
    seg_stop = np.r_[q_start, len(excess)]
    rising = np.flatnonzero((excess > rules.onset_threshold_uv) & scorable)
    first = np.searchsorted(rising, seg_start)
    found = first < len(rising)
    found[found] = rising[first[found]] < seg_stop[found]
    return rising[first[found]], seg_stop[found]


def spans(onsets: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The samples of every ``[onset, offset)`` span back to back, and where each span starts.

    Only the movements' own samples are gathered (a few thousandths of a night), so what is
    computed on them costs nothing like a whole-night array.
    """
    lengths = (offsets - onsets).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else np.empty(0, np.int64)
    index = np.arange(int(lengths.sum())) - np.repeat(starts - onsets, lengths)
    return index, starts


def morphology_ok(
    excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray, env_sf: float, rules: RuleSet
) -> np.ndarray:
    """Whether each movement holds a window (``morphology_window_s``) whose median is high enough.

    A window's median reaches the threshold exactly when more than half its samples do, so
    counting with a cumulative sum replaces a running median (for an even width this tests the
    lower of the two middle samples: a slightly stricter reading). Windows lie wholly inside
    the movement; only the movements' samples are looked at.
    """
    if rules.morphology_window_s is None or len(onsets) == 0:
        return np.ones(len(onsets), dtype=bool)
    width = max(1, int(round(rules.morphology_window_s * env_sf)))  # a 0.5 s LM fits exactly
    index, starts = spans(onsets, offsets)
    count = np.concatenate([[0], np.cumsum(excess[index] >= rules.morphology_median_uv)])
    lengths = offsets - onsets
    ok = np.zeros(len(onsets), dtype=bool)
    fits = lengths >= width
    if not fits.any():
        return ok
    window_ok = (count[width:] - count[:-width]) > width // 2  # window starting at each sample
    good = np.concatenate([[0], np.cumsum(window_ok)])
    first, last = starts[fits], starts[fits] + lengths[fits] - width + 1  # windows wholly inside
    ok[fits] = good[last] > good[first]
    return ok


def amplitudes(excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Peak and mean envelope above rest (µV) over each [onset, offset) span."""
    if len(onsets) == 0:
        return np.empty(0), np.empty(0)
    index, starts = spans(onsets, offsets)
    values = excess[index]
    peak = np.maximum.reduceat(values, starts)
    total = np.add.reduceat(values.astype(np.float64), starts)
    return peak.astype(np.float64), total / np.maximum(offsets - onsets, 1)


def movements_table(
    excess: np.ndarray,
    scorable: np.ndarray,
    env_sf: float,
    time_offset: float,
    rules: RuleSet,
    leg: str,
) -> pd.DataFrame:
    """All monolateral leg movements of one envelope, with their duration and amplitudes."""
    onsets, offsets = hysteresis_movements(excess, scorable, env_sf, rules)
    duration = (offsets - onsets) / env_sf
    keep = duration >= rules.min_duration_s - 1e-9
    onsets, offsets, duration = onsets[keep], offsets[keep], duration[keep]
    keep = morphology_ok(excess, onsets, offsets, env_sf, rules)
    onsets, offsets, duration = onsets[keep], offsets[keep], duration[keep]
    peak, mean = amplitudes(excess, onsets, offsets)
    onset_s = onsets / env_sf + time_offset
    return pd.DataFrame(
        {
            "leg": pd.Series([leg] * len(onsets), dtype="object"),
            "onset": onset_s,
            "offset": onset_s + duration,
            "duration": duration,
            "peak_uv": peak,
            "mean_uv": mean,
            "long": duration > rules.max_candidate_duration_s,
        },
        columns=list(MOVEMENT_COLUMNS),
    )
