"""What kind of ankle-accelerometer night each profile describes, as plain numbers (rates per hour)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccelProfile:
    """Rates and ranges that shape one kind of simulated ankle night.

    Minutes are ranges drawn uniformly; rates are per hour of the state they occur in.
    """

    name: str
    description: str
    quiet_wake_min: tuple[float, float] = (10.0, 30.0)  # lying still before sleep onset
    restless_wake_min: tuple[float, float] = (15.0, 35.0)  # awake and restless before getting up
    out_of_bed_min: tuple[float, float] = (2.0, 5.0)  # up and walking at the very end
    wake_bouts: float = 2.0  # mean number of awakenings in the sleep period
    wake_bout_min: tuple[float, float] = (3.0, 12.0)
    plms_per_h: float = 0.0  # periodic LMs per hour of sleep (in series)
    series_length: tuple[int, int] = (12, 90)
    imi_s: tuple[float, float] = (20.0, 36.0)  # the mean IMI of a series is drawn from here
    imi_cv: float = 0.14  # spread of the IMIs within a series (standard deviation / mean)
    bilateral_share: float = 0.45  # share of periodic LMs seen on both legs
    isolated_per_h: float = 5.0
    hypnic_jerks: tuple[int, int] = (0, 2)
    posture_changes_per_h_sleep: float = 3.0
    wake_lms_per_h: float = 8.0  # wake before sleep onset (quiet unless the legs are restless)
    pre_sleep_postures_per_h: float = 2.0
    restless_lms_per_h: float = 90.0  # wake bouts and restless wake
    restless_postures_per_h: float = 12.0


ACCEL_PROFILES: dict[str, AccelProfile] = {
    p.name: p
    for p in (
        AccelProfile("healthy", "a good sleeper: a few isolated leg movements and turnovers"),
        AccelProfile(
            "hypnic", "hypnic jerks when falling asleep, otherwise quiet legs",
            hypnic_jerks=(4, 8), isolated_per_h=2.0,
        ),
        AccelProfile(
            "plmd", "periodic limb movements in sleep: series every 20–40 s on one or both legs",
            plms_per_h=55.0, isolated_per_h=6.0,
        ),
        AccelProfile(
            "rls", "restless legs: a long restless wake before sleep, PLMs, a restless end",
            quiet_wake_min=(35.0, 70.0), plms_per_h=35.0, wake_lms_per_h=90.0, wake_bouts=3.0,
            pre_sleep_postures_per_h=12.0,
            restless_wake_min=(25.0, 45.0),
        ),
    )
}


@dataclass(frozen=True)
class MovementShape:
    """How a sleeper's movements look, as multipliers of the profile's: tilt, shake, length, turns."""

    name: str
    size: float = 1.0
    shake: float = 1.0
    duration: float = 1.0
    postures: float = 1.0


#: Movement shapes: ``default`` is what the detector was developed on; the others are not.
SHAPES: dict[str, MovementShape] = {
    s.name: s
    for s in (
        MovementShape("default"),
        MovementShape("smooth", shake=0.35),  # slow tilts, hardly any shaking
        MovementShape("small", size=0.6, shake=0.6),  # a weak mover
        MovementShape("slow", duration=1.6),  # longer movements
        MovementShape("restless", postures=2.5),  # many more turns in bed
        MovementShape("faint", size=0.3, shake=0.3),  # barely moving the shank: near the noise
    )
}


def get_accel_profile(name: str) -> AccelProfile:
    """The profile called ``name``; a ValueError listing the known ones otherwise.

    >>> get_accel_profile("PLMD").plms_per_h
    55.0
    """
    try:
        return ACCEL_PROFILES[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown accelerometer profile {name!r}; choose one of: {', '.join(ACCEL_PROFILES)}") from None
