"""EMG as a technologist views it: band-passed and notch-filtered, as a min/max envelope.

Drift, DC offset and mains hum would hide the bursts in the raw signal, so the zoom panels show
the EMG through the detector's own filters (its band and notches, or the usual 10–100 Hz). The
envelope keeps each pixel column's minimum and maximum, computed on a reshaped numpy array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, iirnotch, sosfiltfilt, tf2sos

from plmscope.night import Signal

DISPLAY_BAND_HZ = (10.0, 100.0)  # usual leg-EMG display band, when the detector's is unknown
FILTER_ORDER = 4
NOTCH_Q = 30.0
FILTER_PAD_S = 2.0  # extra signal on each side so the filter settles before the window
MIN_FILTER_SAMPLES = 64  # shorter stretches are shown unfiltered
NYQUIST_MARGIN = 0.45  # keep filter edges below this fraction of the sampling rate


@dataclass(frozen=True)
class DisplayFilter:
    """How one leg's EMG is filtered for display (Hz)."""

    band_hz: tuple[float, float] = DISPLAY_BAND_HZ
    notch_hz: tuple[float, ...] = ()

    @classmethod
    def from_settings(cls, settings: dict | None) -> DisplayFilter:
        """The detector's filters from its per-leg settings (band_hz, notch_hz), else defaults."""
        settings = settings or {}
        band = settings.get("band_hz") or DISPLAY_BAND_HZ
        notches = settings.get("notch_hz") or ()
        return cls(tuple(float(f) for f in band), tuple(float(f) for f in notches))

    def describe(self, sf: float) -> str:
        """The filters in words, as applied at sampling rate ``sf``."""
        low, high = usable_band(self.band_hz, sf)
        notches = [f"{f:g}" for f in self.notch_hz if f < NYQUIST_MARGIN * sf]
        return f"{low:g}–{high:g} Hz" + (f", notch {'/'.join(notches)} Hz" if notches else "")


def usable_band(band_hz: tuple[float, float], sf: float) -> tuple[float, float]:
    """The band with its upper edge kept below Nyquist."""
    return band_hz[0], min(band_hz[1], NYQUIST_MARGIN * sf)


def filter_sos(view: DisplayFilter, sf: float) -> np.ndarray:
    """Second-order sections of the band-pass followed by each notch below Nyquist."""
    sections = [
        butter(FILTER_ORDER, usable_band(view.band_hz, sf), btype="bandpass", fs=sf, output="sos")
    ]
    sections += [
        tf2sos(*iirnotch(f, NOTCH_Q, fs=sf)) for f in view.notch_hz if f < NYQUIST_MARGIN * sf
    ]
    return np.vstack(sections)


def filtered_window(
    signal: Signal, start: float, end: float, view: DisplayFilter | None = None
) -> tuple[np.ndarray, int]:
    """The EMG of ``start``–``end`` filtered (zero-phase), and the index of its first sample."""
    pad = int(FILTER_PAD_S * signal.sf)
    i0 = max(int(start * signal.sf), 0)
    i1 = min(int(end * signal.sf), len(signal.data))
    lo, hi = max(i0 - pad, 0), min(i1 + pad, len(signal.data))
    raw = signal.data[lo:hi].astype(np.float64)
    if len(raw) < MIN_FILTER_SAMPLES:
        return raw[i0 - lo : i1 - lo], i0
    filtered = sosfiltfilt(filter_sos(view or DisplayFilter(), signal.sf), raw)
    return filtered[i0 - lo : i1 - lo], i0


def minmax_envelope(
    signal: Signal,
    start: float,
    end: float,
    columns: int,
    view: DisplayFilter | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Times, minima and maxima of the filtered EMG in ``columns`` equal slices of the window."""
    segment, i0 = filtered_window(signal, start, end, view)
    per_column = max(len(segment) // columns, 1)
    n = len(segment) // per_column
    blocks = segment[: n * per_column].reshape(n, per_column)
    times = (i0 + (np.arange(n) + 0.5) * per_column) / signal.sf
    return times, blocks.min(axis=1), blocks.max(axis=1)
