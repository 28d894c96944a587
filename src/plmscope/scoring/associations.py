"""Which LMs go with a breathing event (respiratory-related) or with an arousal.

Respiratory, WASM 2016 (``wasm_event_end``): a CLM overlapping the window from
``respiratory_before_end_s`` before to ``respiratory_after_end_s`` after the END of an
apnea/hypopnea/RERA (touching counts). Non-candidates are not flagged: they already end series.
Respiratory, AASM (``aasm_whole_event``): any LM overlapping the event widened by
``respiratory_margin_s`` on both sides; the AASM manual says such an LM is not scored as a PLM.
Arousal (both): the LM and the arousal overlap, or less than ``arousal_gap_s`` separates the end
of one from the onset of the other, in either order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.rules import RuleSet
from plmscope.scoring.intervals import TOLERANCE_S, overlaps_any


def event_spans(events: pd.DataFrame, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) in seconds of the events whose canonical name is in ``names``."""
    if events is None or len(events) == 0:
        return np.empty(0), np.empty(0)
    chosen = np.isin(events["event"].to_numpy(dtype=object), names)
    start = pd.to_numeric(events["onset"], errors="coerce").to_numpy(np.float64)[chosen]
    length = pd.to_numeric(events["duration"], errors="coerce").to_numpy(np.float64)[chosen]
    length = np.where(np.isfinite(length), np.clip(length, 0.0, None), 0.0)
    ok = np.isfinite(start)
    return start[ok], start[ok] + length[ok]


def respiratory_windows(events: pd.DataFrame, rules: RuleSet) -> tuple[np.ndarray, np.ndarray]:
    """The time windows in which an LM counts as respiratory-related under ``rules``."""
    start, end = event_spans(events, rules.respiratory_events)
    if rules.respiratory_rule == "aasm_whole_event":
        margin = rules.respiratory_margin_s + TOLERANCE_S
        return start - margin, end + margin
    return (
        end - rules.respiratory_before_end_s - TOLERANCE_S,
        end + rules.respiratory_after_end_s + TOLERANCE_S,
    )


def respiratory_flags(
    onset: np.ndarray,
    offset: np.ndarray,
    candidate: np.ndarray,
    events: pd.DataFrame,
    rules: RuleSet,
) -> np.ndarray:
    """Respiratory-related LMs (WASM: candidates only; AASM: any LM)."""
    starts, ends = respiratory_windows(events, rules)
    flags = overlaps_any(onset, offset, starts, ends, closed=True)
    if rules.respiratory_rule == "wasm_event_end":
        flags &= np.asarray(candidate, dtype=bool)
    return flags


def arousal_flags(
    onset: np.ndarray, offset: np.ndarray, events: pd.DataFrame, rules: RuleSet
) -> np.ndarray:
    """LMs overlapping an arousal or less than ``arousal_gap_s`` from it, in either order."""
    start, end = event_spans(events, ("arousal",))
    reach = rules.arousal_gap_s - TOLERANCE_S  # "less than": a gap of exactly the limit is out
    return overlaps_any(onset, offset, start - reach, end + reach, closed=False)
