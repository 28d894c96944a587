"""The EMG detector's result for one leg (:class:`LegMovements`); a night's is a ``Detection``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from plmscope.detect.base import unscorable_minutes
from plmscope.detect.emg.movements import MOVEMENT_COLUMNS


def empty_movements() -> pd.DataFrame:
    """A movements table with the detector's columns and no rows."""
    types = {"leg": "object", "long": "bool"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "float64")) for c in MOVEMENT_COLUMNS})


@dataclass
class LegMovements:
    """Monolateral leg movements of one leg, the time that could not be scored, and how.

    ``movements``: leg, onset, offset, duration (s), peak_uv and mean_uv (envelope above the
    resting level), long (longer than the rule set's candidate maximum; kept, never dropped
    here). ``unscorable``: leg, start, end, reason (noisy, flat, missing).

    Examples
    --------
    >>> import numpy as np
    >>> from plmscope.detect import detect_leg_movements
    >>> quiet = np.random.default_rng(1).normal(0.0, 1.0, 256 * 60)
    >>> result = detect_leg_movements(quiet, 256.0, leg="right")
    >>> summary = result.summary()
    >>> summary.loc[0, "leg"], int(summary.loc[0, "n_lms"])
    ('right', 0)
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
