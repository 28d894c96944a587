"""What else ends up in a leg channel: ECG leak, mains hum, slow baseline wander."""

from __future__ import annotations

import numpy as np
from scipy import signal

from .ecg import pqrst_template
from .emg import DETECTION_BAND_HZ, band_sos, slow_curve


def cycles(n: int, fs: float, hz: float) -> np.ndarray:
    """Phase (in cycles, 0–1) of a ``hz`` oscillation at each sample, exact over long nights."""
    return ((np.arange(n, dtype=np.float64) * (hz / fs)) % 1.0).astype(np.float32)


def mains_hum(rng: np.random.Generator, n: int, fs: float, hz: float, amplitude_uv: float = 20.0):
    """Mains interference: ``hz`` sinusoid plus harmonics below Nyquist, amplitude drifting."""
    level = amplitude_uv * np.exp(
        np.clip(slow_curve(rng, n, fs, 300.0, 0.15, walk=False), -0.4, 0.4)
    )
    phase = np.float32(2 * np.pi) * cycles(n, fs, hz)
    hum = np.zeros(n, dtype=np.float32)
    for k, rel in ((1, 1.0), (2, 0.08), (3, 0.25), (5, 0.1)):
        if k * hz < 0.48 * fs:
            hum += np.float32(rel) * np.sin(
                np.float32(k) * phase + np.float32(rng.uniform(0, 2 * np.pi))
            )
    return level * hum


def baseline_wander(rng: np.random.Generator, n: int, fs: float) -> np.ndarray:
    """Slow baseline wander below 1 Hz (electrode drift, sweat, breathing), tens of µV."""
    slow = slow_curve(rng, n, fs, 5.0, 10.0, walk=False) + slow_curve(rng, n, fs, 60.0, 3.0)
    breath = np.sin(np.float32(2 * np.pi) * cycles(n, fs, rng.uniform(0.2, 0.3)))
    return slow + np.float32(3.0) * breath


def qrs_peak_in_detectionband_sos(fs: float) -> float:
    """Height of a 1.0 R peak after the 10–100 Hz detection band-pass (about 0.6)."""
    beat, _ = pqrst_template(fs)
    padded = np.pad(beat.astype(np.float64), int(fs))
    return float(np.max(np.abs(signal.sosfiltfilt(band_sos(fs, DETECTION_BAND_HZ, 4), padded))))


def ecg_leak_gains(rng: np.random.Generator, ecg_leak_uv: float, fs: float) -> dict[str, float]:
    """Gain (signed) of the unit heartbeat trace in each leg: in the more affected leg the
    QRS peaks at ``ecg_leak_uv`` after 10–100 Hz band-pass (so 8–15 µV crosses the LM onset
    threshold), in the other at 40–90 % of it, either polarity (the leg leads see the heart
    from different angles)."""
    strong = "left" if rng.random() < 0.5 else "right"
    weak = "right" if strong == "left" else "left"
    signs = rng.choice([1.0, -1.0], size=2, p=[0.6, 0.4])
    gain = ecg_leak_uv / qrs_peak_in_detectionband_sos(fs)
    return {strong: float(signs[0] * gain), weak: float(signs[1] * gain * rng.uniform(0.4, 0.9))}
