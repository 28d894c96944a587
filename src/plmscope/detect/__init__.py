"""Detect leg movements in tibialis anterior EMG (SCORING_RULES.md §1).

``detect_leg_movements`` works on one channel (an array and its sampling rate);
``detect_night`` runs every leg of a :class:`plmscope.night.Night`. Both return monolateral
leg movements (onset, offset, peak and mean amplitude above the resting level) and the time
that could not be scored. Long movements are never dropped here, under any rule set: they are
flagged ``long`` and the scorer applies the rule set (AASM: not an LM; WASM: not a candidate).
"""

from .leg import detect_leg_movements
from .night import detect_night
from .result import LegMovements, NightDetection
from .settings import DEFAULT_SETTINGS, DetectorSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "DetectorSettings",
    "LegMovements",
    "NightDetection",
    "detect_leg_movements",
    "detect_night",
]
