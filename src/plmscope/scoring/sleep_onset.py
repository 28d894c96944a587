"""Which leg movements came "at sleep onset": one definition for the report and the assessment.

Hypnic jerks (sleep starts) happen at the wake–sleep transition, so the window reaches a little
into the wake before the first epoch of sleep and a while after it, awake or asleep. The window is
plmscope's own convention (no published value exists); docs/assessment.md documents it.
"""

from __future__ import annotations

import numpy as np

SLEEP_ONSET_BEFORE_S = 120.0  # from 2 min before sleep onset (drowsy wake, where jerks start) ...
SLEEP_ONSET_AFTER_S = 900.0  # ... to 15 min after it (N1 and the first N2 of the night)


def near_sleep_onset(
    onsets: np.ndarray,
    sleep_onset: float | None,
    before_s: float = SLEEP_ONSET_BEFORE_S,
    after_s: float = SLEEP_ONSET_AFTER_S,
) -> np.ndarray:
    """Bool mask: each onset (s) within ``before_s`` before to ``after_s`` after sleep onset.

    All False when the sleep onset is unknown (None or NaN); NaN onsets are never near it.
    """
    onsets = np.asarray(onsets, dtype=np.float64)
    if sleep_onset is None or not np.isfinite(sleep_onset):
        return np.zeros(onsets.shape, dtype=bool)
    return (onsets >= sleep_onset - before_s) & (onsets <= sleep_onset + after_s)


def window_text(before_s: float = SLEEP_ONSET_BEFORE_S, after_s: float = SLEEP_ONSET_AFTER_S) -> str:
    """The window in plain words, e.g. 'from 2 min before to 15 min after' (sleep onset)."""

    def span(seconds: float) -> str:
        return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"

    return f"from {span(before_s)} before to {span(after_s)} after"
