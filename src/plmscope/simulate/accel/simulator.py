"""``simulate_accel_night``: a whole night of ankle accelerometers with known leg movements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plmscope.night import LEGS, Hypnogram, Night, Signal
from plmscope.simulate.accel.events import plan_movements, plan_postures
from plmscope.simulate.accel.profiles import SHAPES, AccelProfile, get_accel_profile
from plmscope.simulate.accel.signal import leg_signal
from plmscope.simulate.accel.timeline import NightTimeline, plan_timeline

START = dt.datetime(2024, 3, 1, 22, 30, 0)
PLACEMENTS = ("ankle", "wrist", "table")
RATES = (25.0, 30.0, 50.0, 100.0)


@dataclass
class SimulatedAccelNight:
    """A simulated ankle night and what is really in it.

    ``truth``: every true monolateral LM (leg, onset, offset, kind, angle_deg, jitter_deg,
    event_id; ``event_id`` is shared by both legs of a bilateral movement). ``postures``: the
    posture changes (start, end, kind: turnover, shift, out_of_bed) — never LMs. ``decoys``:
    jerks too short to be LMs. ``timeline``: sleep onset, awakenings, final awakening, getting
    up; ``hypnogram`` the true sleep (``S``) and wake (``W``) per 30 s epoch.
    """

    night: Night
    truth: pd.DataFrame
    postures: pd.DataFrame
    decoys: pd.DataFrame
    timeline: NightTimeline
    profile: str
    seed: int
    params: dict = field(default_factory=dict)

    @property
    def hypnogram(self) -> Hypnogram:
        return self.timeline.hypnogram()


def simulate_accel_night(
    profile: str | AccelProfile = "plmd",
    *,
    seed: int = 0,
    hours: float = 8.0,
    fs: float = 50.0,
    noise_mg: float = 6.0,
    legs: tuple[str, ...] = LEGS,
    placement: str = "ankle",
    resolution_mg: float = 3.9,
    start: dt.datetime = START,
    shape: str = "default",
) -> SimulatedAccelNight:
    """Simulate one night of ankle accelerometers (three axes in g per leg).

    Parameters
    ----------
    profile : str or AccelProfile
        ``healthy``, ``hypnic``, ``plmd`` or ``rls`` (see ``simulate.accel.profiles``), or a
        profile of one's own (e.g. ``dataclasses.replace(ACCEL_PROFILES["plmd"], imi_cv=0.35)``).
    seed : int
        The same seed gives the same night.
    hours, fs : float
        Length of the recording, and sampling rate (Hz; 25–100 are usual).
    noise_mg : float
        Sensor noise per axis, mg rms (3–12 is usual).
    legs : tuple of str
        The legs wearing a sensor.
    placement : str
        ``ankle`` (default), ``wrist`` (a forearm: orientation anywhere) or ``table`` (not worn).
    shape : str
        How the movements look (``simulate.accel.profiles.SHAPES``): ``default``, ``smooth``,
        ``small``, ``slow``, ``restless``.

    Examples
    --------
    >>> sim = simulate_accel_night("plmd", seed=1, hours=1.0, fs=25.0)
    >>> sim.night.kind, sim.night.legs["left"].data.shape
    ('accelerometer', (90000, 3))
    >>> bool((sim.truth["kind"] == "periodic").sum() > 20), bool(sim.postures["kind"].isin(["turnover", "shift", "out_of_bed"]).all())
    (True, True)
    """
    if not hours > 0:
        raise ValueError(f"hours must be positive, got {hours}")
    if not 10.0 <= fs <= 400.0:
        raise ValueError(f"sampling rate {fs} Hz: use 10–400 Hz (25–100 are usual)")
    if not 0.0 <= noise_mg <= 100.0:
        raise ValueError(f"noise_mg must be 0–100 mg, got {noise_mg}")
    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {', '.join(PLACEMENTS)}, got {placement!r}")
    legs = tuple(legs)
    if not legs or not set(legs) <= set(LEGS):
        raise ValueError(f"legs must be left and/or right, got {legs}")
    prof = profile if isinstance(profile, AccelProfile) else get_accel_profile(profile)
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, got {shape!r}")
    moves = SHAPES[shape]
    rng = np.random.default_rng(seed)
    duration = float(round(hours * 3600.0))
    n = int(duration * fs)
    timeline = plan_timeline(rng, prof, duration)
    postures = plan_postures(rng, timeline, prof, moves)
    truth, decoys = plan_movements(rng, timeline, prof, postures, moves)
    if placement == "table":
        truth, decoys = truth.iloc[0:0], decoys.iloc[0:0]
        postures = postures.iloc[0:0]
    signals = {}
    for leg in LEGS:  # draw both legs whatever is kept, so one-leg nights are the same night
        data = leg_signal(
            rng, n=n, sf=fs, leg=leg, movements=truth[truth["leg"] == leg], postures=postures,
            noise_mg=noise_mg, resolution_mg=resolution_mg, placement=placement,
        )
        if leg in legs:
            signals[leg] = Signal(label=f"{leg} ankle x/y/z", data=data, sf=float(fs), unit="g")
    truth = truth[truth["leg"].isin(legs)].reset_index(drop=True)
    night = Night(
        legs=signals,
        duration=duration,
        hypnogram=Hypnogram.unscored(duration),
        start=start,
        source=f"simulated {profile} ankle night",
        hypnogram_source="none",
    )
    params = dict(hours=hours, fs=fs, noise_mg=noise_mg, legs=list(legs), placement=placement,
                  resolution_mg=resolution_mg, shape=shape)
    return SimulatedAccelNight(night, truth, postures, decoys, timeline, prof.name, seed, params)
