"""Result objects of the detector: one leg (:class:`LegMovements`) and a night (:class:`NightDetection`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .movements import MOVEMENT_COLUMNS

UNSCORABLE_COLUMNS = ("leg", "start", "end", "reason")


def empty_movements() -> pd.DataFrame:
    """A movements table with the detector's columns and no rows."""
    types = {"leg": "object", "long": "bool"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in MOVEMENT_COLUMNS})


def empty_unscorable() -> pd.DataFrame:
    """An unscorable-periods table with no rows."""
    types = {"leg": "object", "reason": "object"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in UNSCORABLE_COLUMNS})


def unscorable_minutes(unscorable: pd.DataFrame) -> float:
    """Total length of the unscorable periods, in minutes."""
    return float((unscorable["end"] - unscorable["start"]).sum() / 60.0)


@dataclass
class LegMovements:
    """Monolateral leg movements of one leg, the time that could not be scored, and how.

    ``movements``: leg, onset, offset, duration (s), peak_uv and mean_uv (envelope above the
    resting level), long (longer than the rule set's candidate maximum; kept, never dropped
    here). ``unscorable``: leg, start, end, reason (noisy, flat, missing).
    """

    leg: str
    movements: pd.DataFrame
    unscorable: pd.DataFrame
    settings: dict
    duration: float

    def summary(self) -> pd.DataFrame:
        """One row: how many movements, how many long, minutes unscorable, what was removed."""
        s = self.settings
        return pd.DataFrame(
            [
                {
                    "leg": self.leg,
                    "n_lms": len(self.movements),
                    "n_long": int(self.movements["long"].sum()),
                    "recording_min": self.duration / 60.0,
                    "unscorable_min": unscorable_minutes(self.unscorable),
                    "mains_hz": s["mains_hz"],
                    "ecg_source": s["ecg"]["source"],
                    "ecg_leak_uv": s["ecg"]["leak_uv"],
                    "quiet_level_uv": s["baseline"]["quiet_level_uv"],
                    "median_resting_uv": s["baseline"]["median_resting_uv"],
                }
            ]
        )

    def to_dataframe(self) -> pd.DataFrame:
        """The movements table (a copy)."""
        return self.movements.copy()


@dataclass
class NightDetection:
    """Leg movements of every leg of a night, sorted by onset, with unscorable time.

    ``warnings`` limit what the result can say (unscorable time, low sampling rate); ``notes``
    say what the detector removed on the way (heartbeat artefact, mains hum).
    """

    legs: dict[str, LegMovements]
    monolateral: pd.DataFrame
    unscorable: pd.DataFrame
    settings: dict
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> pd.DataFrame:
        """One row per leg (see :meth:`LegMovements.summary`)."""
        return pd.concat([leg.summary() for leg in self.legs.values()], ignore_index=True)

    def to_dataframe(self) -> pd.DataFrame:
        """The monolateral movements of both legs (a copy)."""
        return self.monolateral.copy()
