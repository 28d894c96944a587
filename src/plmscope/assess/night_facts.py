"""The few facts of a night's result (``plmscope score --json``) that the triage needs.

Robust to older or partial results: a missing key gives ``None``, never an error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from plmscope.assess.loading import check_night
from plmscope.interpret import (
    SLEEP_ONSET_AFTER_S,
    SLEEP_ONSET_BEFORE_S,
    VerdictThresholds,
    near_sleep_onset,
)

BREATHING_EVENTS = ("apnea", "hypopnea")  # counted for the breathing-events index (AHI-like)


@dataclass(frozen=True)
class NightThresholds(VerdictThresholds):
    """The night's plain-words cut-offs (shared with the report, ``plmscope.interpret``) plus
    the sleep-onset pattern's settings; plmscope's own where no published values exist."""

    sleep_onset_window_s: float = SLEEP_ONSET_AFTER_S  # "at sleep onset": shared with the report,
    sleep_onset_lead_s: float = SLEEP_ONSET_BEFORE_S  # see plmscope.scoring.sleep_onset
    onset_stages: tuple[str, ...] = ("W", "N1")  # without a sleep onset time: only in W/N1


DEFAULT_NIGHT_THRESHOLDS = NightThresholds()


@dataclass(frozen=True)
class NightFacts:
    kind: str  # "psg" | "accelerometer"
    plms_index: float | None
    clms_index: float | None
    respiratory_clms_index: float | None
    n_movements: int | None
    n_periodic: int | None
    onset_only: bool | None  # every LM at sleep onset (or in W/N1 transitions), none periodic
    tst_h: float | None
    plms_nr_index: float | None = None  # PLMS index without respiratory LMs
    plms_arousal_index: float | None = None
    breathing_events_index: float | None = None  # apneas + hypopneas per hour of sleep (scored ones)
    nights: int = 1  # how many nights the numbers rest on (a multi-night summary says so)

    @property
    def is_estimate(self) -> bool:
        """True for a wearable night: its numbers are estimates, not EMG measurements."""
        return self.kind != "psg"

    @property
    def respiratory_share(self) -> float | None:
        """Share of CLMs that are respiratory-related."""
        if self.respiratory_clms_index is None or not self.clms_index:
            return None
        return self.respiratory_clms_index / self.clms_index


def _number(value: object) -> float | None:
    """A finite float, or None for missing/null/NaN/non-numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _section(night: dict, key: str) -> dict:
    """``night[key]`` when it is a mapping, else an empty one (older or other result files)."""
    value = night.get(key)
    return value if isinstance(value, dict) else {}


def _onset_only(movements: list[dict], sleep: dict, thresholds: NightThresholds) -> bool | None:
    """All LMs around sleep onset (or in W/N1 when sleep onset is unknown) and none periodic."""
    if not movements:
        return None
    if any(m.get("periodic") is True for m in movements):
        return False
    onsets = [_number(m.get("onset")) for m in movements]
    sleep_onset = _number(sleep.get("sleep_onset"))
    if sleep_onset is not None and all(o is not None for o in onsets):
        near = near_sleep_onset(
            np.array(onsets), sleep_onset, thresholds.sleep_onset_lead_s, thresholds.sleep_onset_window_s
        )
        return bool(near.all())
    stages = [m.get("stage") for m in movements]
    if any(s is None for s in stages):
        return None
    return all(s in thresholds.onset_stages for s in stages) and any(s != "W" for s in stages)


def _breathing_events_index(night: dict, tst_h: float | None) -> float | None:
    """Apneas and hypopneas per hour of sleep, from the events list (or the counts read).

    None without sleep time or when no breathing event was scored at all: a night whose
    breathing was not scored must not read as a night without breathing events.
    """
    events = night.get("events")
    if isinstance(events, list):
        count = sum(isinstance(e, dict) and e.get("event") in BREATHING_EVENTS for e in events)
    else:
        read = _section(night, "events_read")
        count = sum(int(_number(read.get(kind)) or 0) for kind in BREATHING_EVENTS)
    if not count or not tst_h:
        return None
    return count / tst_h


def _nights(recording: dict) -> int:
    """``recording.nights`` (a multi-night summary) when it is a whole number >= 1, else 1."""
    value = recording.get("nights")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return 1
    return value


def night_facts(night: dict, thresholds: NightThresholds = DEFAULT_NIGHT_THRESHOLDS) -> NightFacts:
    """Pull the indices, the recording kind and the sleep-onset pattern out of a night dict."""
    night = check_night(night)
    indices, sleep, recording = (_section(night, key) for key in ("indices", "sleep", "recording"))
    movements = night.get("movements")
    movements = [m for m in movements if isinstance(m, dict)] if isinstance(movements, list) else None
    return NightFacts(
        kind=str(recording.get("kind") or "psg"),
        plms_index=_number(indices.get("plms_index")),
        clms_index=_number(indices.get("clms_index")),
        respiratory_clms_index=_number(indices.get("respiratory_clms_index")),
        n_movements=None if movements is None else len(movements),
        n_periodic=None if movements is None else sum(m.get("periodic") is True for m in movements),
        onset_only=None if movements is None else _onset_only(movements, sleep, thresholds),
        tst_h=_number(sleep.get("tst_h")),
        plms_nr_index=_number(indices.get("plms_nr_index")),
        plms_arousal_index=_number(indices.get("plms_arousal_index")),
        breathing_events_index=_breathing_events_index(night, _number(sleep.get("tst_h"))),
        nights=_nights(recording),
    )
