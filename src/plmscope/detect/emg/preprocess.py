"""From tibialis EMG in µV to its rectified envelope: band-pass, mains notch, rectify, smooth.

The band-pass and the notch are one zero-phase FIR applied by overlap-save FFT over short
frames: the same frames give the spectrum in which mains hum (50 or 60 Hz) is looked for, and
a whole 8 h night at 256 Hz is filtered in a few tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.fft as sfft
from numpy.lib.stride_tricks import sliding_window_view
from scipy.ndimage import uniform_filter1d
from scipy.signal.windows import kaiser

from plmscope.errors import PlmscopeInputError
from plmscope.detect.emg.settings import DetectorSettings

_KAISER_BETA = 8.0  # about 60 dB stop-band for the truncated filter


def passband(sf: float, settings: DetectorSettings) -> tuple[float, float]:
    """The EMG band actually used: the usual band, its top edge kept below Nyquist."""
    if not np.isfinite(sf) or sf < settings.min_sf:
        raise PlmscopeInputError(
            f"EMG sampled at {sf:g} Hz: leg-movement detection needs at least "
            f"{settings.min_sf:g} Hz (200 Hz or more is recommended)"
        )
    lo, hi = settings.band_hz
    return float(lo), float(min(hi, settings.max_high_fraction * sf))


@dataclass(frozen=True)
class Frames:
    """A signal cut into overlapping FFT frames for overlap-save filtering."""

    spectra: np.ndarray  # (n_frames, n_fft // 2 + 1) complex64
    n: int  # samples in the original signal
    half: int  # FIR half-length in samples (frames overlap by 2 * half)
    n_fft: int


def fir_half_length(sf: float, settings: DetectorSettings) -> int:
    """Half the number of taps of the band-pass FIR (odd length 2 * half + 1)."""
    return max(8, int(round(settings.fir_length_s * sf / 2)))


def frame_spectra(x: np.ndarray, half: int) -> Frames:
    """FFT of overlapping frames of ``x`` (mean removed, ends mirrored), ready to filter."""
    n = len(x)
    n_fft = int(2 ** np.ceil(np.log2(16 * half)))
    step = n_fft - 2 * half
    n_frames = max(1, -(-n // step))
    padded = np.zeros(n_frames * step + 2 * half, dtype=np.float32)
    centred = padded[half : half + n]
    centred[:] = x
    if n:
        centred -= np.float32(np.mean(x, dtype=np.float64))
    if n > half + 1:  # mirror the ends so the filter sees no step there
        padded[:half] = centred[half:0:-1]
        tail = centred[-2 : -half - 2 : -1]
        padded[half + n : half + n + len(tail)] = tail
    frames = sliding_window_view(padded, n_fft)[::step][:n_frames]
    return Frames(sfft.rfft(frames, axis=-1), n, half, n_fft)


def filtered_signal(frames: Frames, response: np.ndarray) -> np.ndarray:
    """Apply a real (zero-phase) frequency response to the frames and join them back."""
    spectra = frames.spectra * response
    out = sfft.irfft(spectra, n=frames.n_fft, axis=-1)[:, frames.half : frames.n_fft - frames.half]
    return out.reshape(-1)[: frames.n]


def mean_power(frames: Frames, max_frames: int = 256) -> np.ndarray:
    """Average power spectrum over (at most ``max_frames`` evenly spread) frames."""
    take = frames.spectra[:: max(1, len(frames.spectra) // max_frames)]
    return np.mean(np.abs(take) ** 2, axis=0)


def find_mains(
    power: np.ndarray, sf: float, n_fft: int, settings: DetectorSettings
) -> tuple[float | None, float]:
    """The mains frequency whose hum stands out most from its neighbourhood, and by how much.

    Hum peak: the largest power within 0.5 Hz of 50 (60) Hz; neighbourhood: the median power
    1.5–5 Hz away from it.
    """
    freqs = sfft.rfftfreq(n_fft, 1.0 / sf)
    best, best_ratio = None, 0.0
    for f0 in settings.mains_candidates_hz:
        if f0 + 5.0 >= sf / 2:
            continue
        dist = np.abs(freqs - f0)
        peak = power[dist <= 0.5].max()
        around = power[(dist > 1.5) & (dist <= 5.0)]
        ratio = float(peak / max(np.median(around), 1e-20))
        if ratio > best_ratio:
            best, best_ratio = float(f0), ratio
    if best_ratio < settings.mains_min_ratio:
        return None, best_ratio
    return best, best_ratio


def notch_frequencies(mains_hz: float | None, sf: float, hi: float) -> tuple[float, ...]:
    """Mains frequency and the harmonics that still fall in (or just above) the band."""
    if mains_hz is None:
        return ()
    top = min(1.5 * hi, sf / 2 - 1.0)
    return tuple(float(k * mains_hz) for k in range(1, 20) if k * mains_hz <= top)


def band_response(
    sf: float,
    n_fft: int,
    half: int,
    band: tuple[float, float],
    order: int,
    notches: tuple[float, ...],
    notch_half_width: float,
) -> np.ndarray:
    """Real frequency response (rfft grid of ``n_fft``) of the windowed zero-phase FIR."""
    freqs = sfft.rfftfreq(n_fft, 1.0 / sf)
    lo, hi = band
    with np.errstate(divide="ignore"):
        high_pass = 1.0 / (1.0 + (lo / freqs) ** (2 * order))
    low_pass = 1.0 / (1.0 + (freqs / hi) ** (2 * order))
    desired = high_pass * low_pass  # |Butterworth|^2: the same edges as forward-backward IIR
    for f0 in notches:
        desired[np.abs(freqs - f0) <= notch_half_width] = 0.0
    taps = sfft.irfft(desired, n=n_fft)
    window = kaiser(2 * half + 1, _KAISER_BETA)
    fir = np.zeros(n_fft)
    fir[: half + 1] = taps[: half + 1] * window[half:]
    fir[-half:] = taps[-half:] * window[:half]
    return sfft.rfft(fir).real.astype(np.float32)


def envelope_decimation(sf: float, settings: DetectorSettings) -> int:
    """Samples per envelope sample, so the envelope runs at about ``envelope_rate_hz``."""
    return max(1, int(round(sf / settings.envelope_rate_hz)))


def block_reduce(x: np.ndarray, q: int, ufunc: np.ufunc) -> np.ndarray:
    """``ufunc`` (add, maximum) over consecutive blocks of ``q`` samples (remainder dropped)."""
    n_out = len(x) // q
    out = x[0 : n_out * q : q].copy()
    for k in range(1, q):  # a loop over the q phases of a block, not over samples
        ufunc(out, x[k : n_out * q : q], out=out)
    return out


def rectified_blocks(y: np.ndarray, sf: float, settings: DetectorSettings) -> tuple[np.ndarray, int]:
    """Mean rectified amplitude per block of q samples (about ``envelope_rate_hz``), and q.

    ``y`` is rectified in place.
    """
    q = envelope_decimation(sf, settings)
    blocks = block_reduce(np.abs(y, out=y), q, np.add)
    blocks /= np.float32(q)
    return blocks, q


def smoothing_width(env_sf: float, settings: DetectorSettings) -> int:
    """Blocks in the envelope's moving mean."""
    return max(1, int(round(settings.envelope_smooth_s * env_sf)))


def smoothed(blocks: np.ndarray, width: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Moving mean of the rectified blocks; with ``weights``, of the weighted blocks only.

    Where a window holds almost nothing of weight (less than a fifth), the envelope is drawn
    straight across from its neighbours.
    """
    if weights is None:
        return uniform_filter1d(blocks, width, mode="nearest")
    total = uniform_filter1d(weights, width, mode="nearest")
    env = uniform_filter1d(blocks * weights, width, mode="nearest")
    known = total >= 0.2
    np.divide(env, total, out=env, where=known)
    unknown = ~known
    hole = np.flatnonzero(unknown)
    if len(hole) and len(hole) < len(env) - 1:
        edge = np.flatnonzero(known & (np.r_[False, unknown[:-1]] | np.r_[unknown[1:], False]))
        env[hole] = np.interp(hole, edge, env[edge])  # the known samples bounding each hole
    return env
