"""Leg movements from ankle accelerometers: a second :class:`~plmscope.detect.Detector`.

:class:`AccelDetector` turns a Night of three-axis acceleration (g) into monolateral leg
movements and unscorable time, told apart from posture changes, with sleep estimated without
EEG (:class:`SleepDiary` overrides it); the same scoring as EMG follows.
"""

from plmscope.detect.accel.detector import ESTIMATE_WARNING, AccelDetector
from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS, AccelSettings
from plmscope.detect.accel.sleep import SleepDiary

__all__ = ["DEFAULT_ACCEL_SETTINGS", "ESTIMATE_WARNING", "AccelDetector", "AccelSettings", "SleepDiary"]
