"""A cheap, plausible EEG (C3-M2): band-limited rhythms mixed according to the sleep stage.

Alpha in relaxed wake, theta in N1, theta/delta with spindle-band activity in N2, large delta
in N3, mixed low-voltage theta in REM. It exists so the file looks like a PSG, not for
sleep-staging research.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

#: Rhythm bands (Hz) and their rms (µV) per stage.
_BANDS = {
    "delta": (0.5, 2.0),
    "theta": (4.0, 7.0),
    "alpha": (8.0, 12.0),
    "sigma": (12.0, 14.0),
    "beta": (15.0, 30.0),
}
_RMS = {
    "W": {"delta": 6, "theta": 5, "alpha": 15, "sigma": 1, "beta": 6},
    "N1": {"delta": 10, "theta": 14, "alpha": 4, "sigma": 1, "beta": 3},
    "N2": {"delta": 20, "theta": 12, "alpha": 3, "sigma": 5, "beta": 2},
    "N3": {"delta": 55, "theta": 10, "alpha": 2, "sigma": 2, "beta": 1},
    "R": {"delta": 8, "theta": 12, "alpha": 4, "sigma": 1, "beta": 4},
    "?": {"delta": 6, "theta": 5, "alpha": 10, "sigma": 1, "beta": 5},
}


def _rhythm(rng: np.random.Generator, n: int, fs: float, band: tuple[float, float]) -> np.ndarray:
    """Gaussian noise band-passed to ``band``, unit rms."""
    sos = signal.butter(2, band, btype="bandpass", fs=fs, output="sos")
    x = signal.sosfilt(sos, rng.standard_normal(n + int(4 * fs), dtype=np.float32))[int(4 * fs) :]
    return (x / np.std(x)).astype(np.float32)


def eeg_channel(rng: np.random.Generator, stages: np.ndarray, epoch_s: float, n: int, fs: float):
    """EEG in µV for a night with these per-epoch ``stages``; stage changes blend over ~30 s."""
    centres = (np.arange(len(stages)) + 0.5) * epoch_s
    t = np.arange(n) / fs
    out = rng.normal(0.0, 2.0, n).astype(np.float32)
    for name, band in _BANDS.items():
        rms = np.array([_RMS.get(s, _RMS["?"])[name] for s in stages], dtype=np.float64)
        out += np.interp(t, centres, rms).astype(np.float32) * _rhythm(rng, n, fs, band)
    return out
