"""What a night's numbers mean in plain words: the conventions the report and the assessment share.

Neither is a scoring rule (those are in :mod:`plmscope.rules`); both are plmscope's own reading
for explanations, documented in docs/assessment.md, and kept here once so that the report's
sentences and the questionnaire's findings can never disagree.

- **Sleep onset**: hypnic jerks (sleep starts) happen at the wake–sleep transition, so the
  window reaches a little into the wake before the first epoch of sleep and a while after it.
  No published value exists.
- **Many respiratory-related movements**: enough leg movements at the end of breathing events
  that breathing is the first thing to look at.
- **Many breathing events**: apneas and hypopneas per hour of sleep at the AASM limits for
  sleep apnea (5/h with snoring or sleepiness, 15/h on their own).
- **Leg activity left once breathing is accounted for**: the PLMS index without respiratory
  LMs (``plms_nr_index``); a PLMS index above the limit only because of respiratory LMs points
  to breathing, not the legs.
- **The PLMS-index threshold** for adults or children comes from the rule set (ICSD-3 numbers).

>>> near_sleep_onset(np.array([0.0, 1000.0, 2500.0]), 1000.0).tolist()
[False, True, False]
>>> many_respiratory(respiratory_clms_index=6.0, clms_index=30.0)
True
>>> breathing_signs(respiratory_clms_index=1.0, clms_index=30.0, breathing_events_index=22.0)
('breathing_events',)
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
    breathing_events_index_many: float = 5.0  # apneas + hypopneas per hour of sleep: sleep apnea
    breathing_events_index_severe: float = 15.0  # ... with symptoms from 5/h, on its own from 15/h


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


def _finite(value: float | None) -> bool:
    return value is not None and bool(np.isfinite(value))


def many_breathing_events(
    breathing_events_index: float | None, thresholds: VerdictThresholds = DEFAULT_VERDICT
) -> bool:
    """True at or above the AASM limit for sleep apnea (apneas + hypopneas, 5/h of sleep).

    >>> many_breathing_events(6.0), many_breathing_events(4.9), many_breathing_events(None)
    (True, False, False)
    """
    return _finite(breathing_events_index) and breathing_events_index >= thresholds.breathing_events_index_many


def very_many_breathing_events(
    breathing_events_index: float | None, thresholds: VerdictThresholds = DEFAULT_VERDICT
) -> bool:
    """True at or above the AASM limit for sleep apnea without symptoms (15/h of sleep).

    >>> very_many_breathing_events(15.0), very_many_breathing_events(9.0)
    (True, False)
    """
    return _finite(breathing_events_index) and breathing_events_index >= thresholds.breathing_events_index_severe


def plms_only_with_respiratory(plms_index: float | None, plms_nr_index: float | None, limit: float) -> bool:
    """True when the PLMS index is above ``limit`` only because of movements after breathing events.

    >>> plms_only_with_respiratory(18.0, 11.0, 15.0), plms_only_with_respiratory(18.0, 17.0, 15.0)
    (True, False)
    """
    return _finite(plms_index) and _finite(plms_nr_index) and plms_index > limit >= plms_nr_index


def breathing_signs(
    respiratory_clms_index: float | None = None,
    clms_index: float | None = None,
    breathing_events_index: float | None = None,
    plms_index: float | None = None,
    plms_nr_index: float | None = None,
    limit: float | None = None,
    thresholds: VerdictThresholds = DEFAULT_VERDICT,
) -> tuple[str, ...]:
    """What in a night points to breathing first: ``respiratory_lms``, ``breathing_events``,
    ``plms_from_breathing`` (each only from numbers the night has; unknown is never a sign).

    >>> breathing_signs(6.0, 20.0, None, 18.0, 12.0, 15.0)
    ('respiratory_lms', 'plms_from_breathing')
    >>> breathing_signs()
    ()
    """
    signs = []
    if many_respiratory(respiratory_clms_index, clms_index, thresholds):
        signs.append("respiratory_lms")
    if many_breathing_events(breathing_events_index, thresholds):
        signs.append("breathing_events")
    if limit is not None and plms_only_with_respiratory(plms_index, plms_nr_index, limit):
        signs.append("plms_from_breathing")
    return tuple(signs)
