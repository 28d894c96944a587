"""One leg's movement envelope: gravity and drift out, band-pass, vector magnitude, smoothed.

Calibration-free: a band-pass (about 0.3–8 Hz) removes gravity, offsets and slow drift from
each axis, so no calibration of the sensor is needed; the vector magnitude of what is left does
not depend on how the sensor was strapped on. The band-pass runs forwards (it answers only after
a movement starts) and backwards (it answers only before a movement ends); the envelope is the
smaller of the two, so it rises where the movement starts and falls where it ends, instead of
being smeared by the 0.3 Hz corner's second-long response as a zero-phase filter would.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import signal
from scipy.ndimage import uniform_filter1d

from plmscope.detect.accel.settings import AccelSettings


@lru_cache(maxsize=16)
def band_pass(sf: float, low: float, high: float, order: int) -> np.ndarray:
    """Butterworth band-pass second-order sections (``high`` kept below 0.45 sf)."""
    return signal.butter(order, [low, min(high, 0.45 * sf)], btype="band", fs=sf, output="sos")


def band_edges(sf: float, settings: AccelSettings) -> tuple[float, float]:
    """The band actually used at this rate."""
    low, high = settings.band_hz
    return low, min(high, 0.45 * sf)


def movement_envelope(xyz: np.ndarray, sf: float, settings: AccelSettings) -> np.ndarray:
    """Smoothed vector magnitude (g, float32) of the band-passed axes.

    >>> from plmscope.detect.accel.settings import DEFAULT_ACCEL_SETTINGS
    >>> still = np.tile(np.float32([0.0, 0.0, 1.0]), (3000, 1))
    >>> float(movement_envelope(still, 50.0, DEFAULT_ACCEL_SETTINGS).max()) < 1e-6
    True
    """
    low, high = band_edges(sf, settings)
    sos = band_pass(float(sf), low, high, settings.filter_order)
    x = np.asarray(xyz, dtype=np.float32)
    x = x - x[: max(1, int(sf))].mean(axis=0)  # start the filters at rest, not with a gravity step
    width = max(1, int(round(settings.smooth_s * sf)))

    def magnitude(filtered: np.ndarray) -> np.ndarray:
        filtered = filtered.astype(np.float32, copy=False)
        return uniform_filter1d(np.sqrt(np.einsum("ij,ij->i", filtered, filtered)), width, mode="nearest")

    forward = magnitude(signal.sosfilt(sos, x, axis=0))
    backward = magnitude(signal.sosfilt(sos, x[::-1] - x[-1] + x[0], axis=0)[::-1])
    return np.minimum(forward, backward)


def noise_floor(envelope: np.ndarray, usable: np.ndarray | None = None) -> tuple[float, float]:
    """(floor, spread) in g: the median of the envelope at rest and its robust spread (MAD).

    The envelope is mostly rest, so its median is the noise floor; the spread is measured on the
    part below the 90th percentile, so that movements do not widen it.
    """
    env = envelope if usable is None else envelope[usable]
    if env.size == 0:
        return 0.0, 0.0
    step = max(1, env.size // 100_000)
    part = env[::step]
    floor = float(np.median(part))
    quiet = part[part <= np.percentile(part, 90)]
    spread = 1.4826 * float(np.median(np.abs(quiet - np.median(quiet))))
    return floor, spread


def thresholds(floor: float, spread: float, settings: AccelSettings) -> tuple[float, float]:
    """(onset, offset) in g from the night's own noise floor, onset within the published range."""
    lo, hi = settings.onset_range_g
    onset = float(np.clip(floor + settings.onset_spreads * spread, max(lo, 1.5 * floor), hi))
    offset = max(floor + settings.offset_ratio * (onset - floor), floor + 2.0 * spread)
    return onset, min(offset, onset)
