"""One leg's accelerometer, from samples to movements (with the turn of gravity across each)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from plmscope.detect.accel.envelope import band_edges, movement_envelope, noise_floor, thresholds
from plmscope.detect.accel.events import hysteresis_events
from plmscope.detect.accel.gravity import gravity_seconds, turn_across
from plmscope.detect.accel.settings import AccelSettings
from plmscope.detect.accel.sleep import epoch_angles
from plmscope.detect.accel.wear import still_periods
from plmscope.night import Signal
from plmscope.rules import RuleSet

GAP_PAD_S = 2.0  # filters ring at the edges of a gap: keep movements out of it
MOVEMENT_COLUMNS = ("leg", "onset", "offset", "duration", "peak_mg", "mean_mg", "turn_deg", "long")


@dataclass
class LegAccel:
    """One leg's detected movements (posture changes not yet told apart) and what it took."""

    leg: str
    movements: pd.DataFrame
    seconds: np.ndarray  # gravity direction per second
    epoch_turns: np.ndarray  # change of direction per 5 s epoch (degrees)
    not_worn: list[tuple[float, float]]
    settings: dict
    duration: float


def gap_mask(n: int, sf: float, gaps: list[tuple[float, float]], pad: float) -> np.ndarray:
    """True at samples within ``pad`` seconds of a gap."""
    mask = np.zeros(n, bool)
    for onset, length in gaps:
        mask[max(0, int((onset - pad) * sf)) : min(n, int(np.ceil((onset + length + pad) * sf)))] = True
    return mask


def _reduce(values: np.ndarray, starts: np.ndarray, ends: np.ndarray, how) -> np.ndarray:
    """``how`` (np.maximum or np.add) of ``values`` over each [start, end)."""
    if starts.size == 0:
        return np.zeros(0)
    padded = np.r_[values, 0.0]
    return how.reduceat(padded, np.ravel(np.column_stack([starts, ends])))[::2]


def leg_movements(
    signal: Signal, leg: str, gaps: list[tuple[float, float]], rules: RuleSet, settings: AccelSettings
) -> LegAccel:
    """Movements of one leg: envelope, thresholds from its own noise floor, hysteresis, turns."""
    xyz, sf = signal.data, float(signal.sf)
    envelope = movement_envelope(xyz, sf, settings)
    near_gap = gap_mask(len(envelope), sf, gaps, GAP_PAD_S)
    envelope[near_gap] = 0.0
    floor, spread = noise_floor(envelope, ~near_gap)
    onset_g, offset_g = thresholds(floor, spread, settings)
    starts, ends = hysteresis_events(envelope, sf, onset_g, offset_g, rules.offset_hold_s, rules.min_duration_s)
    on, off = starts / sf, ends / sf
    seconds = gravity_seconds(xyz, sf, settings.median_window_s)
    turn = turn_across(seconds, on, off, settings.posture_window_s)
    movements = pd.DataFrame(
        {
            "leg": leg,
            "onset": on,
            "offset": off,
            "duration": off - on,
            "peak_mg": 1000.0 * _reduce(envelope, starts, ends, np.maximum),
            "mean_mg": 1000.0 * _reduce(envelope, starts, ends, np.add) / np.maximum(ends - starts, 1),
            "turn_deg": turn,
            "long": (off - on) > rules.max_candidate_duration_s,
        },
        columns=list(MOVEMENT_COLUMNS),
    )
    epoch_turns = epoch_angles(seconds, settings.angle_epoch_s)
    marks = np.zeros(len(seconds) + 1, np.int64)
    np.add.at(marks, np.clip(on.astype(int), 0, len(seconds)), 1)
    np.add.at(marks, np.clip(np.ceil(off).astype(int), 0, len(seconds)), -1)
    moving = np.cumsum(marks)[:-1] > 0
    low, high = band_edges(sf, settings)
    return LegAccel(
        leg=leg,
        movements=movements,
        seconds=seconds,
        epoch_turns=epoch_turns,
        not_worn=still_periods(epoch_turns, moving, settings),
        settings={
            "sf": sf,
            "band_hz": [low, high],
            "smooth_s": settings.smooth_s,
            "noise_floor_mg": round(1000 * floor, 2),
            "noise_spread_mg": round(1000 * spread, 2),
            "onset_mg": round(1000 * onset_g, 2),
            "offset_mg": round(1000 * offset_g, 2),
            "offset_hold_s": rules.offset_hold_s,
            "min_duration_s": rules.min_duration_s,
        },
        duration=len(xyz) / sf,
    )
