"""Detect leg movements: the detector seam and its implementations.

A :class:`Detector` takes a :class:`plmscope.night.Night` and returns a :class:`Detection`
(monolateral leg movements, unscorable time, notes, warnings, recording kind). Detectors:

- :class:`EmgDetector` (``detect/emg/``): tibialis anterior EMG, SCORING_RULES.md §1.
- :class:`AccelDetector` (``detect/accel/``): ankle accelerometers, an estimate (same scoring).
  ``detect_leg_movements`` runs it on one channel (an array and its sampling rate).

Long movements are never dropped here, under any rule set: they are flagged ``long`` and the
scorer applies the rule set (AASM: not an LM; WASM: not a candidate).
"""

from typing import TYPE_CHECKING

from plmscope.detect.base import Detection, Detector
from plmscope.detect.emg.detector import EmgDetector, detect_night
from plmscope.detect.emg.leg import detect_leg_movements
from plmscope.detect.emg.result import LegMovements
from plmscope.detect.emg.settings import DEFAULT_SETTINGS, DetectorSettings
from plmscope.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from plmscope.detect.accel import AccelDetector

__all__ = [
    "AccelDetector",
    "DEFAULT_SETTINGS",
    "Detection",
    "Detector",
    "DetectorSettings",
    "EmgDetector",
    "LegMovements",
    "detect_leg_movements",
    "detect_night",
]

# the accelerometer detector loads on first use (its filters are not needed for EMG)
__getattr__, __dir__ = lazy_exports(__name__, {"AccelDetector": "accel"})
