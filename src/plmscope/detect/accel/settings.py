"""The accelerometer detector's numbers, in one frozen object (the rule set gives the rest)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AccelSettings:
    """Signal-shaping and decision numbers of :class:`~plmscope.detect.accel.AccelDetector`.

    The movement thresholds are set per leg from the night's own noise floor: onset at
    ``floor + onset_spreads × spread`` kept within ``onset_range_g`` (published ankle devices
    use 15–200 mg), offset at ``offset_ratio`` of the onset's height above the floor. Minimum
    duration, offset hold and the joining of fragments come from the rule set (0.5 s each).
    """

    band_hz: tuple[float, float] = (0.3, 8.0)  # calibration-free: gravity and drift removed below 0.3 Hz
    filter_order: int = 2
    smooth_s: float = 0.2  # moving average of the vector magnitude
    onset_spreads: float = 8.0
    onset_range_g: tuple[float, float] = (0.015, 0.2)
    offset_ratio: float = 0.5
    # posture changes and whole-body movements: a lasting turn of gravity
    posture_angle_deg: float = 20.0  # on this leg ...
    posture_other_leg_deg: float = 10.0  # ... with the other leg turning at the same time, or
    posture_alone_deg: float = 40.0  # this much on one leg alone
    posture_window_s: float = 3.0  # gravity before and after a movement, averaged over this
    posture_pad_s: float = 1.0  # unscorable around a posture change
    # sleep period (HDCZA, van Hees et al. 2018) and wake inside it
    angle_epoch_s: float = 5.0
    median_window_s: float = 5.0
    rest_window_min: float = 5.0
    rest_percentile: float = 10.0
    rest_multiplier: float = 15.0
    rest_threshold_deg: tuple[float, float] = (0.13, 0.5)
    min_block_min: float = 30.0
    join_gap_min: float = 60.0
    wake_moves: int = 3  # wake inside the window: this many restless moves (posture changes, long or
    wake_gap_min: float = 4.0  # irregular movements, never periodic ones), each < 4 min after the last
    # not worn (a device lying still) and placement (a wrist rather than an ankle)
    still_min: float = 90.0
    still_angle_deg: float = 0.5
    wrist_spread: float = 0.04  # least share of gravity off the ankle's plane when worn on a wrist
    wrist_min_turn: float = 0.05  # postures must differ this much for the test to say anything

    def to_dict(self) -> dict:
        return asdict(self)


DEFAULT_ACCEL_SETTINGS = AccelSettings()
