"""Short synthetic leg EMG with known movements, for the detector's unit tests.

Resting EMG is gaussian noise band-limited to 10–100 Hz; a movement is a 40 Hz sine whose
rectified mean is the wanted rise above rest (a sine's rectified mean is exact and steady, so
"just above" and "just below" a threshold mean what they say).
"""

from __future__ import annotations

import numpy as np
from scipy import signal

SF = 256.0


def rest(duration: float, rms: float = 0.3, sf: float = SF, seed: int = 0) -> np.ndarray:
    """Resting EMG: 10–100 Hz gaussian noise of the given rms (µV)."""
    rng = np.random.default_rng(seed)
    sos = signal.butter(4, [10.0, min(100.0, 0.45 * sf)], btype="bandpass", fs=sf, output="sos")
    x = signal.sosfiltfilt(sos, rng.standard_normal(int(duration * sf)))
    return (x / x.std() * rms).astype(np.float32)


def add_burst(x: np.ndarray, onset: float, length: float, rise_uv: float, sf: float = SF) -> np.ndarray:
    """Add a 40 Hz burst whose rectified mean is ``rise_uv`` (the 0.3 µV rest is small)."""
    i0, n = int(round(onset * sf)), int(round(length * sf))
    t = np.arange(n) / sf
    x[i0 : i0 + n] += (rise_uv * np.pi / 2 * np.sin(2 * np.pi * 40.0 * t)).astype(np.float32)
    return x


def heartbeats(duration: float, sf: float = SF, height_uv: float = 40.0, bpm: float = 75.0, seed: int = 1):
    """A QRS-like spike train (height ``height_uv``) and its R-peak times (s)."""
    rng = np.random.default_rng(seed)
    rr = 60.0 / bpm * (1 + 0.03 * rng.standard_normal(int(duration * bpm / 60) + 2))
    times = 0.5 + np.cumsum(rr)
    times = times[times < duration - 0.5]
    t = np.arange(int(duration * sf)) / sf
    out = np.zeros_like(t)
    for r in times:  # a few hundred beats
        near = slice(int((r - 0.1) * sf), int((r + 0.1) * sf))
        d = t[near] - r
        out[near] += height_uv * (np.exp(-0.5 * (d / 0.01) ** 2) - 0.3 * np.exp(-0.5 * ((d - 0.03) / 0.01) ** 2))
    return out.astype(np.float32), times


def ecg_channel(times: np.ndarray, duration: float, sf: float = SF) -> np.ndarray:
    """An ECG lead (R peaks of 1 mV) beating at ``times``."""
    t = np.arange(int(duration * sf)) / sf
    out = np.zeros_like(t)
    for r in times:
        near = slice(int((r - 0.1) * sf), int((r + 0.1) * sf))
        out[near] += 1000.0 * np.exp(-0.5 * ((t[near] - r) / 0.012) ** 2)
    return out.astype(np.float32)
