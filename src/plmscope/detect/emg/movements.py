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


def morphology_ok(
    excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray, env_sf: float, rules: RuleSet
) -> np.ndarray:
    """Whether each movement holds a window (``morphology_window_s``) whose median is high enough.

    A window's median reaches the threshold exactly when more than half its samples do, so
    counting with a cumulative sum replaces a running median (for an even width this tests the
    lower of the two middle samples: a slightly stricter reading).
    """
    if rules.morphology_window_s is None or len(onsets) == 0:
        return np.ones(len(onsets), dtype=bool)
    width = max(1, int(round(rules.morphology_window_s * env_sf)))  # a 0.5 s LM fits exactly
    high = running_count(excess >= rules.morphology_median_uv)
    window_ok = (high[width:] - high[:-width]) > width // 2  # window starting at each index
    del high
    ok_count = running_count(window_ok)
    last_start = np.clip(offsets - width + 1, 0, len(window_ok))  # windows fully inside
    first = np.minimum(onsets, last_start)
    return ok_count[last_start] > ok_count[first]


def running_count(mask: np.ndarray) -> np.ndarray:
    """How many True before each index, with a leading 0 (length ``len(mask) + 1``, int32)."""
    out = np.empty(len(mask) + 1, dtype=np.int32)
    out[0] = 0
    np.cumsum(mask, dtype=np.int32, out=out[1:])
    return out


def amplitudes(excess: np.ndarray, onsets: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Peak and mean envelope above rest (µV) over each [onset, offset) span."""
    if len(onsets) == 0:
        return np.empty(0), np.empty(0)
    padded = np.r_[excess, 0.0]
    edges = np.ravel(np.column_stack([onsets, offsets]))
    peak = np.maximum.reduceat(padded, edges)[::2]
    total = np.add.reduceat(padded.astype(np.float64), edges)[::2]
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
