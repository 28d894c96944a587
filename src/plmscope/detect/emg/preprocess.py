"""From tibialis EMG in µV to its rectified envelope: band-pass, mains notch, rectify, smooth.

The band-pass and the notch are one zero-phase FIR applied by overlap-save FFT over short
frames, a chunk of frames at a time (temporary memory stays a few MB for a night of any length);
a sample of the same frames gives the spectrum in which mains hum (50 or 60 Hz) is looked for.
The FFT is numpy's: scipy's is faster per frame, but importing it costs more than it saves on
a whole night (and 30 MB of memory), and the command line pays that import at every start.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.fft as nfft
from numpy.lib.stride_tricks import sliding_window_view

from plmscope.detect.emg.settings import DetectorSettings
from plmscope.detect.sliding import masked_moving_mean, moving_mean
from plmscope.errors import PlmscopeInputError

_KAISER_BETA = 8.0  # about 60 dB stop-band for the truncated filter


class Leak(Protocol):
    """What is taken off the filtered EMG before it is rectified (``detect.emg.leak.LeakWaveform``)."""

    def remove(self, y: np.ndarray, first: int) -> None: ...


def passband(sf: float, settings: DetectorSettings) -> tuple[float, float]:
    """The EMG band actually used: the usual band, its top edge kept below Nyquist."""
    if not np.isfinite(sf) or sf < settings.min_sf:
        raise PlmscopeInputError(
            f"EMG sampled at {sf:g} Hz: leg-movement detection needs at least "
            f"{settings.min_sf:g} Hz (200 Hz or more is recommended)"
        )
    lo, hi = settings.band_hz
    return float(lo), float(min(hi, settings.max_high_fraction * sf))


#: FFT frames filtered at once: bounds the temporary memory (a few MB) whatever the night's length.
FRAMES_PER_CHUNK = 32


@dataclass(frozen=True)
class FramePlan:
    """How a signal of ``n`` samples is cut into overlapping FFT frames for overlap-save filtering.

    Frame ``f`` holds samples ``[f * step - half, f * step - half + n_fft)`` of the signal with
    its mean removed, its ends mirrored (so the filter sees no step there) and zeros beyond;
    after filtering, the middle ``step`` samples of each frame are kept. Frames are filtered a
    chunk at a time, so no whole-night spectrum or filtered copy is ever held.
    """

    n: int  # samples in the signal
    half: int  # FIR half-length in samples (frames overlap by 2 * half)
    n_fft: int

    @property
    def step(self) -> int:
        return self.n_fft - 2 * self.half

    @property
    def n_frames(self) -> int:
        return max(1, -(-self.n // self.step))


def frame_plan(n: int, half: int) -> FramePlan:
    """Frames of 16 FIR half-lengths rounded up to a power of two (overlap about 1/8)."""
    return FramePlan(n=n, half=half, n_fft=int(2 ** np.ceil(np.log2(16 * half))))


def fir_half_length(sf: float, settings: DetectorSettings) -> int:
    """Half the number of taps of the band-pass FIR (odd length 2 * half + 1)."""
    return max(8, int(round(settings.fir_length_s * sf / 2)))


def signal_mean(x: np.ndarray) -> float:
    """Mean of the finite samples counted as zeros elsewhere (missing samples are silent)."""
    quick = float(np.sum(x, dtype=np.float64))
    if np.isfinite(quick):  # no missing sample: one pass
        return quick / len(x) if len(x) else 0.0
    total = 0.0
    for lo in range(0, len(x), 1 << 22):  # chunks: no whole-night temporary
        chunk = x[lo : lo + (1 << 22)]
        total += float(np.sum(np.where(np.isfinite(chunk), chunk, 0.0), dtype=np.float64))
    return total / len(x) if len(x) else 0.0


def segment(x: np.ndarray, plan: FramePlan, mean: float, start: int, stop: int) -> np.ndarray:
    """Samples ``start`` to ``stop`` (may reach past both ends) as the filter sees them: float32,
    relative to the mean, missing (NaN/inf) samples counted as zeros, the ends mirrored (without
    repeating the edge sample) for ``half`` samples and zero beyond, as a whole-signal
    overlap-save filter would see them."""
    n, half = plan.n, plan.half
    if start >= 0 and stop <= n:  # inside the signal (every chunk but the first and last)
        raw = np.subtract(x[start:stop], np.float32(mean), dtype=np.float32)
        bad = ~np.isfinite(raw)
        if bad.any():  # missing samples count as zeros
            raw[bad] = -np.float32(mean)
        return raw
    raw = np.zeros(stop - start, dtype=np.float32)
    covered = np.zeros(stop - start, dtype=bool)
    lo, hi = max(start, 0), min(stop, n)
    if hi > lo:
        raw[lo - start : hi - start] = x[lo:hi]
        covered[lo - start : hi - start] = True
    if n > half + 1:
        head = np.arange(max(start, -half), min(stop, 0))  # mirrored before the start
        raw[head - start], covered[head - start] = x[-head], True
        tail = np.arange(max(start, n), min(stop, n + half))  # mirrored after the end
        raw[tail - start], covered[tail - start] = x[2 * n - 2 - tail], True
    raw[~np.isfinite(raw)] = 0.0
    raw[covered] -= np.float32(mean)
    return raw


def frames(x: np.ndarray, plan: FramePlan, mean: float, first: int, last: int) -> np.ndarray:
    """Frames ``first`` to ``last - 1`` as a (count, n_fft) view of one contiguous segment."""
    start = first * plan.step - plan.half
    seg = segment(x, plan, mean, start, (last - 1) * plan.step - plan.half + plan.n_fft)
    return sliding_window_view(seg, plan.n_fft)[:: plan.step]


def mean_power(x: np.ndarray, plan: FramePlan, mean: float, max_frames: int = 256) -> np.ndarray:
    """Average power spectrum over (at most about ``max_frames`` evenly spread) frames."""
    which = np.arange(plan.n_frames)[:: max(1, plan.n_frames // max_frames)]
    starts = which * plan.step - plan.half
    inside = (starts >= 0) & (starts + plan.n_fft <= plan.n)  # frames needing no mirror or fill
    taken = np.empty((len(which), plan.n_fft), dtype=np.float32)
    if inside.any():
        taken[inside] = sliding_window_view(x, plan.n_fft)[starts[inside]]
        taken[inside] -= np.float32(mean)
        bad = ~np.isfinite(taken[inside])
        if bad.any():  # missing samples count as zeros, as in the filter
            rows = taken[inside]
            rows[bad] = -np.float32(mean)
            taken[inside] = rows
    for i in np.flatnonzero(~inside):  # the few frames at the ends
        taken[i] = frames(x, plan, mean, int(which[i]), int(which[i]) + 1)[0]
    return np.mean(np.abs(nfft.rfft(taken, axis=-1)) ** 2, axis=0)


def filtered_blocks(
    x: np.ndarray, plan: FramePlan, mean: float, response: np.ndarray, q: int, ufunc: np.ufunc,
    leak: Leak | None = None, helper: Executor | None = None,
) -> np.ndarray:
    """Filter ``x`` with the zero-phase ``response``, rectify, and reduce every ``q`` samples.

    ``ufunc`` is ``np.add`` (the block sum) or ``np.maximum`` (the block maximum); the result
    has ``n // q`` values (the remainder is dropped), float32. Frames go through the FFT a
    chunk at a time: memory stays a few MB for a night of any length or rate. ``leak`` (the
    heartbeat's waveform, ``detect.emg.leak``) is taken off the filtered EMG before rectifying.
    With a ``helper`` (an idle one-thread executor), the second half of the chunks is filtered
    there at the same time (the FFT releases the GIL).
    """
    n_out = plan.n // q
    out = np.empty(n_out, dtype=np.float32)
    per_chunk = FRAMES_PER_CHUNK * q // np.gcd(plan.step, q)  # chunks end on a block boundary
    firsts = list(range(0, plan.n_frames, per_chunk))

    def run(chunk_firsts: list[int]) -> None:
        for first in chunk_firsts:  # a loop over chunks of frames, not over samples
            spectra = nfft.rfft(frames(x, plan, mean, first, min(first + per_chunk, plan.n_frames)), axis=-1)
            spectra *= response
            y = nfft.irfft(spectra, n=plan.n_fft, axis=-1)[:, plan.half : plan.n_fft - plan.half]
            y = y.reshape(-1)[: plan.n - first * plan.step]
            if leak is not None:
                leak.remove(y, first * plan.step)
            lo = first * plan.step // q
            blocks = block_reduce(np.abs(y, out=y), q, ufunc)[: n_out - lo]
            out[lo : lo + len(blocks)] = blocks

    if helper is None or len(firsts) < 2:
        run(firsts)
    else:
        middle = len(firsts) // 2
        other = helper.submit(run, firsts[middle:])
        try:
            run(firsts[:middle])
        finally:
            other.result()
    return out


def find_mains(
    power: np.ndarray, sf: float, n_fft: int, settings: DetectorSettings
) -> tuple[float | None, float]:
    """The mains frequency whose hum stands out most from its neighbourhood, and by how much.

    Hum peak: the largest power within 0.5 Hz of 50 (60) Hz; neighbourhood: the median power
    1.5–5 Hz away from it.
    """
    freqs = nfft.rfftfreq(n_fft, 1.0 / sf)
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


def butterworth_band_power(freqs: np.ndarray, sf: float, band: tuple[float, float], order: int) -> np.ndarray:
    """Squared magnitude of the digital Butterworth band-pass of ``order`` on ``band`` (Hz), the
    filter ``scipy.signal.butter(order, band, "bandpass", fs=sf)`` designs: what it passes when
    applied forward and backward (``filtfilt``), as psgscoring, MNE's IIR option and most lab
    code do, so 8 µV above rest means the same on their envelope and on ours.

    The band-pass is the low-pass prototype ``1 / (1 + w**(2 * order))`` at
    ``w = (W**2 - W1 * W2) / (W * (W2 - W1))``, every frequency pre-warped by the bilinear
    transform, ``W = tan(pi * f / sf)``.

    >>> power = butterworth_band_power(np.array([0.0, 10.0, 31.623, 100.0, 128.0]), 256.0, (10.0, 100.0), 4)
    >>> np.round(power, 3).tolist()
    [0.0, 0.5, 1.0, 0.5, 0.0]
    """
    lo, hi = (np.tan(np.pi * f / sf) for f in band)
    warped = np.tan(np.pi * np.minimum(freqs, sf / 2) / sf)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        w = (warped**2 - lo * hi) / (warped * (hi - lo))
        power = 1.0 / (1.0 + w ** (2 * order))
    return np.where(np.isfinite(w), power, 0.0)  # 0 Hz and Nyquist: stopped


def band_response(
    sf: float,
    n_fft: int,
    half: int,
    band: tuple[float, float],
    order: int,
    notches: tuple[float, ...],
    notch_half_width: float,
) -> np.ndarray:
    """Real frequency response (rfft grid of ``n_fft``) of the windowed zero-phase FIR: the
    forward-backward Butterworth band-pass (:func:`butterworth_band_power`), mains notched."""
    freqs = nfft.rfftfreq(n_fft, 1.0 / sf)
    desired = butterworth_band_power(freqs, sf, band, order)
    for f0 in notches:
        desired[np.abs(freqs - f0) <= notch_half_width] = 0.0
    taps = nfft.irfft(desired, n=n_fft)
    window = np.kaiser(2 * half + 1, _KAISER_BETA)
    fir = np.zeros(n_fft)
    fir[: half + 1] = taps[: half + 1] * window[half:]
    fir[-half:] = taps[-half:] * window[:half]
    return nfft.rfft(fir).real.astype(np.float32)


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


def rectified_blocks(
    x: np.ndarray, plan: FramePlan, mean: float, response: np.ndarray, sf: float, settings: DetectorSettings,
    leak: Leak | None = None, helper: Executor | None = None,
) -> tuple[np.ndarray, int]:
    """Mean rectified band-passed amplitude per block of q samples (about ``envelope_rate_hz``), and q;
    ``leak``, the heartbeat's waveform, taken off first (``helper``: see :func:`filtered_blocks`)."""
    q = envelope_decimation(sf, settings)
    blocks = filtered_blocks(x, plan, mean, response, q, np.add, leak, helper)
    blocks /= np.float32(q)
    return blocks, q


def smoothing_width(env_sf: float, settings: DetectorSettings) -> int:
    """Blocks in the envelope's moving mean."""
    return max(1, int(round(settings.envelope_smooth_s * env_sf)))


def smoothed(
    blocks: np.ndarray, width: int, keep: np.ndarray | None = None, fill: np.ndarray | None = None
) -> np.ndarray:
    """Moving mean of the rectified blocks; with ``keep``, of the kept blocks only.

    Where a window holds almost nothing kept (less than a fifth), the envelope is the same
    moving mean of ``fill`` (blocks cleaned another way) when given, else drawn straight across
    from its neighbours.

    >>> blocks = np.array([1.0, 1.0, 9.0, 9.0, 9.0, 1.0, 1.0])
    >>> keep = np.array([True, True, False, False, False, True, True])
    >>> smoothed(blocks, 1, keep).tolist()  # a hole drawn across hides what was in it
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    >>> smoothed(blocks, 1, keep, fill=blocks - 1.0).tolist()
    [1.0, 1.0, 8.0, 8.0, 8.0, 1.0, 1.0]
    """
    if keep is None:
        return moving_mean(blocks, width)
    env = masked_moving_mean(blocks, width, keep, 0.2)
    unknown = np.isnan(env)
    hole = np.flatnonzero(unknown)
    if fill is not None:
        env[hole] = mean_at(fill, width, hole)
        return env
    if len(hole) == len(env):
        return np.zeros_like(env)
    if len(hole):
        known = ~unknown
        edge = np.flatnonzero(known & (np.r_[False, unknown[:-1]] | np.r_[unknown[1:], False]))
        env[hole] = np.interp(hole, edge, env[edge])  # the known samples bounding each hole
    return env


def mean_at(x: np.ndarray, width: int, index: np.ndarray, chunk: int = 1 << 16) -> np.ndarray:
    """``moving_mean(x, width)`` at ``index`` only (the same window, the ends repeated).

    >>> x = np.arange(10.0)
    >>> bool(np.allclose(mean_at(x, 4, np.array([0, 5, 9])), moving_mean(x, 4)[[0, 5, 9]]))
    True
    """
    out = np.empty(len(index), dtype=x.dtype)
    offsets = np.arange(width) - width // 2
    for lo in range(0, len(index), chunk):  # a loop over chunks of indices, not over samples
        at = np.clip(index[lo : lo + chunk, None] + offsets, 0, len(x) - 1)
        out[lo : lo + chunk] = x[at].mean(axis=1, dtype=np.float64)
    return out
