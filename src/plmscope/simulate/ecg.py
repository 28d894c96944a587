"""ECG: a PQRST template at 50–90 bpm (faster on request) with heart-rate variability, and its leak into leg EMG.

The heart rate wanders slowly over the night and with breathing (respiratory sinus
arrhythmia); each beat is the same PQRST shape (sum of gaussians, R peak 1 mV) placed at its
R-peak time, so the R peaks are known exactly and leaks into the legs are time-locked to them.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from .emg import slow_curve

#: PQRST waves as (time from R peak s, amplitude relative to R, width s).
_WAVES = (
    (-0.20, 0.12, 0.025),  # P
    (-0.03, -0.12, 0.010),  # Q
    (0.00, 1.00, 0.011),  # R
    (0.03, -0.25, 0.011),  # S
    (0.26, 0.30, 0.045),  # T
)
_BEFORE_S, _AFTER_S = 0.35, 0.50


def pqrst_template(fs: float) -> tuple[np.ndarray, int]:
    """One heartbeat (R peak = 1.0) and the index of its R peak."""
    t = np.arange(-int(_BEFORE_S * fs), int(_AFTER_S * fs)) / fs
    beat = sum(a * np.exp(-0.5 * ((t - c) / w) ** 2) for c, a, w in _WAVES)
    return beat.astype(np.float32), int(_BEFORE_S * fs)


def r_peak_times(
    rng: np.random.Generator, duration: float, mean_bpm_range: tuple[float, float] = (55.0, 80.0)
) -> np.ndarray:
    """R-peak times (s): mean rate drawn from ``mean_bpm_range``, slow drift of a few bpm,
    breathing-linked variation; the rate stays within 5 bpm below and 10 above that range."""
    lo, hi = mean_bpm_range
    mean_bpm = rng.uniform(lo, hi)
    n = int(duration * (hi + 15.0) / 60.0) + 10
    approx_t = np.arange(n) * 60.0 / mean_bpm
    knots = np.cumsum(rng.normal(0.0, 1.0, int(duration / 120.0) + 3))
    slow = np.interp(approx_t, np.arange(len(knots)) * 120.0, knots - knots.mean())
    breath_hz = rng.uniform(0.2, 0.3)
    bpm = mean_bpm + 1.5 * slow + 2.5 * np.sin(2 * np.pi * breath_hz * approx_t)
    rr = 60.0 / np.clip(bpm, lo - 5.0, hi + 10.0) * (1.0 + rng.normal(0.0, 0.015, n))
    times = rng.uniform(0.2, 1.0) + np.cumsum(rr)
    return times[times < duration - _AFTER_S]


def heartbeats(
    r_times: np.ndarray, n: int, fs: float, gains: np.ndarray | None = None
) -> np.ndarray:
    """The PQRST template placed at every R peak (R = ``gains``, default 1), length ``n``."""
    beat, r_index = pqrst_template(fs)
    impulses = np.zeros(n + len(beat), dtype=np.float32)
    idx = np.round(r_times * fs).astype(np.int64)
    np.add.at(impulses, idx, 1.0 if gains is None else gains.astype(np.float32))
    trace = signal.oaconvolve(impulses, beat)[r_index : r_index + n]
    return trace.astype(np.float32)


def ecg_channel(rng: np.random.Generator, r_times: np.ndarray, n: int, fs: float) -> np.ndarray:
    """The ECG lead in µV: beats of about 1 mV, breathing-modulated, small wander and noise."""
    gains = 1000.0 * (
        1.0 + 0.05 * np.sin(2 * np.pi * 0.25 * r_times) + rng.normal(0, 0.02, len(r_times))
    )
    wander = slow_curve(rng, n, fs, 4.0, 20.0, walk=False)
    return (heartbeats(r_times, n, fs, gains) + wander + rng.normal(0.0, 5.0, n)).astype(np.float32)
