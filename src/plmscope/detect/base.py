"""The detector seam: any signal in, monolateral leg movements and unscorable time out.

A :class:`Detector` turns a :class:`~plmscope.night.Night` into a :class:`Detection`: the
leg movements it found on each leg (``leg``, ``onset``, ``offset``, ``duration``, plus columns
of its own), the time it could not score (``leg``, ``start``, ``end``, ``reason``), what it
removed on the way (``notes``) and what limits the result (``warnings``). Scoring never sees
the signal: it takes a Detection and a signal-free context, whichever detector made it.

>>> from plmscope.detect import EmgDetector
>>> isinstance(EmgDetector(), Detector)
True
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import pandas as pd

from plmscope.night import Hypnogram, Night
from plmscope.rules import RuleSet

MONOLATERAL_COLUMNS: tuple[str, ...] = ("leg", "onset", "offset", "duration")
UNSCORABLE_COLUMNS: tuple[str, ...] = ("leg", "start", "end", "reason")


def empty_unscorable() -> pd.DataFrame:
    """An unscorable-periods table with no rows."""
    types = {"leg": "object", "reason": "object"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in UNSCORABLE_COLUMNS})


def unscorable_minutes(unscorable: pd.DataFrame) -> float:
    """Total length of the unscorable periods, in minutes."""
    return float((unscorable["end"] - unscorable["start"]).sum() / 60.0)


def joined(tables: list[pd.DataFrame], empty: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per-leg tables as one, sorted by time (``empty`` when there are no rows)."""
    tables = [t for t in tables if len(t)]
    if not tables:
        return empty
    return pd.concat(tables, ignore_index=True).sort_values(by, kind="stable", ignore_index=True)


@dataclass
class Detection:
    """What a detector found in one night, with no samples kept.

    ``kind`` is the recording kind the detector reads (``"psg"`` for tibialis EMG,
    ``"accelerometer"`` for ankle sensors); ``settings`` and ``per_leg`` are JSON-ready dicts
    by leg (the detector's parameters, and one summary row per leg). A detector that estimates
    sleep itself (no EEG) gives its ``hypnogram`` and ``hypnogram_source``, and ``lights`` when
    it was told them (a sleep diary); ``findings`` are JSON-ready results of its own (e.g.
    posture changes), added to the result's ``detection``.

    Examples
    --------
    >>> from plmscope.detect import EmgDetector
    >>> from plmscope.simulate import simulate_night
    >>> detection = EmgDetector().detect(simulate_night("plmd", seed=2, hours=0.25).night)
    >>> list(detection.monolateral.columns[:4]), sorted(detection.per_leg)
    (['leg', 'onset', 'offset', 'duration'], ['left', 'right'])
    """

    kind: str
    monolateral: pd.DataFrame
    unscorable: pd.DataFrame
    settings: dict[str, dict] = field(default_factory=dict)
    per_leg: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hypnogram: Hypnogram | None = None
    hypnogram_source: str | None = None
    lights: tuple[float, float] | None = None
    findings: dict = field(default_factory=dict)

    def applied_to(self, night: Night) -> Night:
        """``night`` with the sleep this detection estimated (unless stages were given) and its lights."""
        if self.hypnogram is None or night.hypnogram_source != "none":
            return night
        events = night.events
        if self.lights is not None and not night.events_of("lights_off", "lights_on").size:
            rows = pd.DataFrame(
                {
                    "onset": [float(self.lights[0]), float(self.lights[1])],
                    "duration": [0.0, 0.0],
                    "event": ["lights_off", "lights_on"],
                    "leg": [None, None],
                    "label": ["bedtime (diary)", "rise time (diary)"],
                }
            )
            parts = [t for t in (night.events, rows) if len(t)]
            events = pd.concat(parts, ignore_index=True).sort_values("onset", kind="stable", ignore_index=True)
        return dataclasses.replace(
            night, hypnogram=self.hypnogram, hypnogram_source=self.hypnogram_source or "detector", events=events
        )

    def summary(self) -> pd.DataFrame:
        """One row per leg: movements found, minutes unscorable, what the detector removed."""
        return pd.DataFrame(list(self.per_leg.values()))

    def to_dataframe(self) -> pd.DataFrame:
        """The monolateral movements of every leg (a copy), sorted by onset."""
        return self.monolateral.copy()


@runtime_checkable
class Detector(Protocol):
    """Anything that finds monolateral leg movements in a night's signals.

    ``kind`` names the recording kind it reads; ``rules`` is the rule set whose detection
    numbers it applies (scoring must use the same one).
    """

    kind: str
    rules: RuleSet

    def detect(self, night: Night) -> Detection:
        """Leg movements and unscorable time of every leg of ``night``."""
        ...
