"""What a night's numbers mean in plain words: the conventions the report and the assessment share.

Neither is a scoring rule (those are in :mod:`plmscope.rules`); both are plmscope's own reading
for explanations, documented in docs/assessment.md, and kept here once so that the report's
sentences and the questionnaire's findings can never disagree.

- **Sleep onset**: hypnic jerks (sleep starts) happen at the wake–sleep transition, so the
  window reaches a little into the wake before the first epoch of sleep and a while after it.
  No published value exists.
- **Many respiratory-related movements**: enough leg movements at the end of breathing events
  that breathing is the first thing to look at.
- **The PLMS-index threshold** for adults or children comes from the rule set (ICSD-3 numbers).

>>> near_sleep_onset(np.array([0.0, 1000.0, 2500.0]), 1000.0).tolist()
[False, True, False]
>>> many_respiratory(respiratory_clms_index=6.0, clms_index=30.0)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plmscope.rules import RuleSet

SLEEP_ONSET_BEFORE_S = 120.0  # from 2 min before sleep onset (drowsy wake, where jerks start) ...
SLEEP_ONSET_AFTER_S = 900.0  # ... to 15 min after it (N1 and the first N2 of the night)


@dataclass(frozen=True)
class VerdictThresholds:
    """plmscope's own cut-offs for plain-words statements about a night (documented, not published)."""

    respiratory_clms_index_many: float = 5.0  # respiratory-related CLMs per hour of sleep ...
    respiratory_share_many: float = 1 / 3  # ... or this share of all CLMs: "many"


DEFAULT_VERDICT = VerdictThresholds()


def near_sleep_onset(
    onsets: np.ndarray,
    sleep_onset: float | None,
    before_s: float = SLEEP_ONSET_BEFORE_S,
    after_s: float = SLEEP_ONSET_AFTER_S,
) -> np.ndarray:
    """Bool mask: each onset (s) within ``before_s`` before to ``after_s`` after sleep onset.

    All False when the sleep onset is unknown (None or NaN); NaN onsets are never near it.

    >>> near_sleep_onset(np.array([880.0, 1900.0]), 1000.0).tolist()
    [True, True]
    >>> near_sleep_onset(np.array([880.0]), None).tolist()
    [False]
    """
    onsets = np.asarray(onsets, dtype=np.float64)
    if sleep_onset is None or not np.isfinite(sleep_onset):
        return np.zeros(onsets.shape, dtype=bool)
    return (onsets >= sleep_onset - before_s) & (onsets <= sleep_onset + after_s)


def window_text(before_s: float = SLEEP_ONSET_BEFORE_S, after_s: float = SLEEP_ONSET_AFTER_S) -> str:
    """The sleep-onset window in plain words.

    >>> window_text()
    'from 2 min before to 15 min after'
    """

    def span(seconds: float) -> str:
        return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"

    return f"from {span(before_s)} before to {span(after_s)} after"


def plms_threshold(rules: RuleSet, child: bool = False) -> float:
    """The PLMS index (per hour) above which sleep studies speak of many PLMs, adults or children.

    >>> from plmscope.rules import WASM2016
    >>> plms_threshold(WASM2016), plms_threshold(WASM2016, child=True)
    (15.0, 5.0)
    """
    return rules.plms_index_threshold_child if child else rules.plms_index_threshold_adult


def many_respiratory(
    respiratory_clms_index: float | None,
    clms_index: float | None,
    thresholds: VerdictThresholds = DEFAULT_VERDICT,
) -> bool:
    """True when so many CLMs follow breathing events that breathing is the first thing to look at.

    >>> many_respiratory(2.0, 4.0), many_respiratory(2.0, 40.0), many_respiratory(None, None)
    (True, False, False)
    """
    if respiratory_clms_index is None or not np.isfinite(respiratory_clms_index):
        return False
    if respiratory_clms_index >= thresholds.respiratory_clms_index_many:
        return True
    if not clms_index or not np.isfinite(clms_index):
        return False
    return respiratory_clms_index / clms_index >= thresholds.respiratory_share_many
