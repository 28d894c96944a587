"""Heartbeats leaking into the leg EMG: find the beats, then leave them out of the envelope.

The QRS complex survives the 10–100 Hz band-pass and, rectified, looks like a short burst
every second. Left alone it can cross the 8 µV onset, and at fast heart rates it never lets
the EMG rest for the 0.5 s that ends a movement, hiding the real ones. Beats come from the
ECG channel when there is one, otherwise from narrow, regular spikes in the leg itself. The
few tens of milliseconds each beat spans in the leg are then left out of the envelope's moving
mean: the heartbeat goes, a leg movement under it stays (measured on the samples around it,
and where a beat covers the mean's window, on the EMG with the typical beat taken off).
"""

from __future__ import annotations

from concurrent.futures import Executor

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from plmscope.detect.emg.preprocess import (
    band_response,
    envelope_decimation,
    filtered_blocks,
    fir_half_length,
    frame_plan,
    signal_mean,
)
from plmscope.detect.emg.settings import DetectorSettings
from plmscope.detect.sliding import find_peaks, opening, running_median


def heartbeats_from_ecg(
    ecg: np.ndarray, sf: float, settings: DetectorSettings, helper: Executor | None = None
) -> np.ndarray:
    """R-peak times (s) in an ECG channel, to a fraction of a sample: QRS band, rectify, peaks
    near the local beat height, each then aligned to the median beat (:func:`refined_beats`;
    ``helper``: an idle executor that filters half the channel meanwhile)."""
    x = np.asarray(ecg)
    if len(x) < sf * 4 * settings.beat_max_rr_s:
        return np.empty(0)
    plan = frame_plan(len(x), fir_half_length(sf, settings))
    lo, hi = settings.ecg_band_hz
    response = band_response(sf, plan.n_fft, plan.half, (lo, min(hi, settings.max_high_fraction * sf)), 2, (), 0.0)
    q = envelope_decimation(sf, settings)
    env = filtered_blocks(x, plan, signal_mean(x), response, q, np.maximum, helper=helper)
    n_env = len(env)
    rate = sf / q
    block = int(round(settings.beat_max_rr_s * rate))  # at least one beat in each block
    n_blocks = n_env // block
    beat_level = np.max(env[: n_blocks * block].reshape(n_blocks, block), axis=1)
    beat_level = running_median(beat_level, min(n_blocks, 151) | 1)
    height = (settings.r_peak_fraction * beat_level).astype(env.dtype)
    tall = env  # only tall peaks reach the (costly) distance rule: the rest is set to 0, in place
    whole = tall[: n_blocks * block].reshape(n_blocks, block)
    whole[whole < height[:, None]] = 0
    rest = tall[n_blocks * block :]
    rest[rest < height[-1]] = 0
    peaks = find_peaks(tall, distance=max(1, int(settings.beat_min_rr_s * rate)))
    return refined_beats(x, sf, (peaks + 0.5) * q / sf)


def refined_beats(ecg: np.ndarray, sf: float, times: np.ndarray, half_s: float = 0.05) -> np.ndarray:
    """R-peak times (s) to a small fraction of a sample: each beat aligned to the ECG's own
    median beat (cross-correlation over a few samples, the peak interpolated by a parabola).

    ``times`` are beats found to an envelope block (about 10 ms; :func:`heartbeats_from_ecg`
    calls this on its peaks); a beat too near either end keeps its time. The median beat is measured on up to
    2000 beats, aligned once and measured again before every beat is aligned to it.

    >>> sf = 256.0
    >>> t = np.arange(int(60 * sf)) / sf
    >>> true = np.arange(1.0, 59.0, 0.83) + 0.0013  # R peaks between samples
    >>> ecg = sum(np.exp(-0.5 * ((t - r) / 0.008) ** 2) for r in true) * 1000.0
    >>> found = refined_beats(ecg, sf, np.round(true * 100) / 100)
    >>> bool(np.max(np.abs(found - true)) < 0.05 / sf)
    True
    """
    x = np.asarray(ecg)
    times = np.asarray(times, dtype=np.float64)
    half, lag = max(2, int(round(half_s * sf))), max(2, int(round(0.012 * sf)))
    position = times * sf
    inside = (np.floor(position) - half - lag - 2 >= 0) & (np.floor(position) + half + lag + 3 < len(x))
    if inside.sum() < 10:
        return times
    offsets = np.arange(-half - lag - 1, half + lag + 2)
    core = slice(lag + 1, lag + 2 + 2 * half)

    def windows(at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        base = np.round(at).astype(np.int64)
        w = x[base[:, None] + offsets].astype(np.float32)
        return base, w - w.mean(axis=1, keepdims=True)

    def typical(at: np.ndarray) -> np.ndarray:
        beat = np.median(windows(at)[1][:, core], axis=0)
        return beat - beat.mean()

    def aligned(at: np.ndarray, beat: np.ndarray) -> np.ndarray:
        base, w = windows(at)
        # the beat's match at every lag: each window slid along, one product (a view, no copy)
        score = (sliding_window_view(w, len(beat), axis=1) @ beat).astype(np.float64)
        best = np.argmax(score[:, 1:-1], axis=1) + 1
        row = np.arange(len(best))
        a, b, c = score[row, best - 1], score[row, best], score[row, best + 1]
        curve = a - 2 * b + c
        shift = np.where(curve < 0, 0.5 * (a - c) / np.where(curve < 0, curve, -1.0), 0.0)
        return base + (best - lag - 1) + np.clip(shift, -0.5, 0.5)

    sample = position[inside][:: max(1, int(inside.sum()) // 2000)]
    beat = typical(aligned(sample, typical(sample)))
    pos = aligned(position[inside], beat)
    # the R peak is the median beat's own peak (a parabola through its top three samples)
    top = int(np.clip(np.argmax(np.abs(beat)), 1, len(beat) - 2))
    a, b, c = np.abs(beat[top - 1 : top + 2])
    peak = top + (0.5 * (a - c) / (a - 2 * b + c) if a - 2 * b + c < 0 else 0.0)
    out = times.copy()
    out[inside] = (pos + peak - half) / sf
    return out


def heartbeats_from_leg(env: np.ndarray, env_sf: float, settings: DetectorSettings) -> np.ndarray:
    """Envelope indices of narrow spikes that recur like a heartbeat (for legs without ECG)."""
    width = max(3, int(round(settings.spike_width_s * env_sf)))
    spikes = env - opening(env, width)  # top-hat: narrow peaks only
    sample = spikes[:: max(1, len(spikes) // 100_000)]  # the spread of a big sample will do
    noise = float(np.median(sample))
    mad = float(np.median(np.abs(sample - noise))) + 1e-6
    height = max(settings.leak_min_uv, noise + settings.spike_mad * mad)
    tall = np.where(spikes >= height, spikes, 0)
    peaks = find_peaks(tall, distance=max(1, int(settings.beat_min_rr_s * env_sf)))
    if len(peaks) < 3:
        return np.empty(0, dtype=np.int64)
    return peaks[regular_beats(peaks / env_sf, settings)]


def regular_beats(times: np.ndarray, settings: DetectorSettings) -> np.ndarray:
    """Mask of beats lying in blocks where most intervals look like a steady heart rhythm."""
    rr = np.diff(times)
    plausible = (rr >= settings.beat_min_rr_s) & (rr <= settings.beat_max_rr_s)
    steady = np.abs(np.diff(rr)) <= settings.beat_steady * rr[:-1]
    regular = np.concatenate([[False, False], plausible[1:] & plausible[:-1] & steady])
    block = (times // settings.leak_block_s).astype(np.int64)
    share = np.bincount(block, weights=regular) / np.maximum(np.bincount(block), 1)
    return share[block] >= settings.leak_regular_fraction


def leak_window(
    blocks: np.ndarray, beats: np.ndarray, env_sf: float, settings: DetectorSettings
) -> tuple[int, int, float] | None:
    """Where a typical beat lifts the rectified leg EMG: (start, stop) block offsets, height (µV).

    From the median, over beats, of the rectified blocks around each beat.
    """
    reach = int(round(settings.beat_profile_s * env_sf))
    inside = beats[(beats >= reach) & (beats < len(blocks) - reach)]
    if len(inside) < 10:
        return None
    inside = inside[:: max(1, len(inside) // 3000)]
    profile = np.median(blocks[inside[:, None] + np.arange(-reach, reach + 1)], axis=0)
    ends = np.r_[profile[: reach // 4 + 1], profile[-(reach // 4) - 1 :]]
    rise = profile - np.median(ends)
    centre = slice(reach // 2, reach + reach // 2 + 1)
    top = reach // 2 + int(np.argmax(rise[centre]))
    height = float(rise[top])
    if height < settings.leak_min_uv:
        return None
    low = rise < settings.leak_min_uv / 2
    left = np.flatnonzero(low[:top])
    right = np.flatnonzero(low[top:])
    start = (left[-1] if len(left) else 0) - reach
    stop = (top + right[0] if len(right) else 2 * reach) - reach
    return start, stop, height


def beat_weights(n: int, beats: np.ndarray, start: int, stop: int) -> np.ndarray:
    """False for the blocks each beat spans ([beat + start, beat + stop]), True elsewhere."""
    keep = np.ones(n, dtype=bool)
    span = (beats[:, None] + np.arange(start, stop + 1)).ravel()
    keep[span[(span >= 0) & (span < n)]] = False
    return keep
