"""The resting level of the leg EMG along the night, and the time too noisy (or dead) to score.

Resting level, as in MATPLM: the top of the envelope in each 0.5 s block (so ordinary noise
stays below it), at its lowest over 60 s (so leg movements do not lift it). MATPLM looks back
only; here the 60 s minimum is a morphological *opening* (minimum, then maximum), which is
blind to anything shorter than 60 s but follows a lasting step in either direction at once,
so a step in the baseline never turns into a minute-long false movement.

The lowest block top of a minute is the quietest half second in it: with a quiet resting EMG
that is the noise top, but under a noisy one (tonic activity, a worse electrode) it sits well
below the ordinary top of the noise, and noise alone then crosses +8 µV. So the level is
also never below the lower quartile of the block tops over the same 60 s (the typical top of
the noise; movements fill far less than three quarters of a minute outside long movements).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from plmscope.rules import RuleSet
from plmscope.detect.emg.settings import DetectorSettings
from plmscope.detect.sliding import opening, running_percentile

REASONS = ("noisy", "flat", "missing")  # why a stretch cannot be scored (index = code - 1)


def block_length(env_sf: float, settings: DetectorSettings) -> int:
    """Envelope samples per resting-level block."""
    return max(1, int(round(settings.rest_block_s * env_sf)))


def block_max(env: np.ndarray, block: int) -> np.ndarray:
    """Largest envelope value in each block (the last, partial block included)."""
    full = len(env) // block
    top = np.max(env[: full * block].reshape(full, block), axis=1) if full else np.empty(0)
    if len(env) > full * block:
        top = np.append(top, env[full * block :].max())
    return top


def resting_level(env: np.ndarray, env_sf: float, settings: DetectorSettings) -> np.ndarray:
    """Resting level (µV) per block: block maxima opened over ``rest_window_s``, raised to
    their ``rest_percentile`` over the same window where that is higher."""
    top = block_max(env, block_length(env_sf, settings))
    size = min(max(1, int(round(settings.rest_window_s / settings.rest_block_s))), len(top))
    opened = opening(top, size)
    typical = running_percentile(top, settings.rest_percentile, size)
    return np.maximum(opened, typical)


def quiet_level(level: np.ndarray, usable: np.ndarray, settings: DetectorSettings) -> float:
    """The night's quiet resting level: a low percentile of the resting level where usable."""
    if not usable.any():
        return float("nan")
    return float(np.percentile(level[usable], settings.quiet_percentile))


def unscorable_codes(
    level: np.ndarray,
    missing: np.ndarray,
    rules: RuleSet,
    settings: DetectorSettings,
) -> tuple[np.ndarray, float]:
    """Per block: 0 scorable, else 1 + index in REASONS; and the quiet level used."""
    flat = (level < settings.flat_uv) & ~missing
    quiet = quiet_level(level, ~missing & ~flat, settings)
    noisy = (level > quiet + rules.unscorable_baseline_uv) & ~missing & ~flat
    codes = np.zeros(len(level), dtype=np.int8)
    codes[noisy] = 1 + REASONS.index("noisy")
    codes[flat] = 1 + REASONS.index("flat")
    codes[missing] = 1 + REASONS.index("missing")
    return codes, quiet


def missing_blocks(
    spans: Sequence[tuple[float, float]], n_blocks: int, block_s: float, margin_s: float
) -> np.ndarray:
    """Blocks touched by (onset, duration) spans of missing data, widened by the filter reach."""
    out = np.zeros(n_blocks, dtype=bool)
    for onset, duration in spans:  # one loop over gaps / NaN runs, not samples
        first = max(0, int(np.floor((onset - margin_s) / block_s)))
        last = min(n_blocks, int(np.ceil((onset + duration + margin_s) / block_s)))
        out[first:last] = True
    return out


def missing_runs(x: np.ndarray, sf: float) -> list[tuple[float, float]]:
    """(onset, duration) in seconds of each run of missing (NaN or infinite) samples."""
    if np.isfinite(np.sum(x, dtype=np.float64)):  # nothing missing: one pass, no mask
        return []
    bad = ~np.isfinite(x)
    if not bad.any():
        return []
    edges = np.diff(np.r_[0, bad.view(np.int8), 0])
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(s / sf, (e - s) / sf) for s, e in zip(starts, stops)]


def unscorable_periods(codes: np.ndarray, block_s: float, duration: float, leg: str) -> pd.DataFrame:
    """Runs of unscorable blocks as a table (leg, start, end, reason)."""
    change = np.flatnonzero(np.diff(codes) != 0) + 1
    starts = np.r_[0, change]
    stops = np.r_[change, len(codes)]
    bad = codes[starts] > 0
    starts, stops = starts[bad], stops[bad]
    return pd.DataFrame(
        {
            "leg": pd.Series([leg] * len(starts), dtype="object"),
            "start": (starts * block_s).astype(np.float64),
            "end": np.minimum(stops * block_s, duration).astype(np.float64),
            "reason": pd.Series([REASONS[c - 1] for c in codes[starts]], dtype="object"),
        }
    )
