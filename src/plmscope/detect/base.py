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

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import pandas as pd

from plmscope.night import Night
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
    by leg (the detector's parameters, and one summary row per leg).

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
