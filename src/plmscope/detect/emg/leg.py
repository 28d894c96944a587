"""Leg movements of one tibialis EMG channel: the whole detector, step by step."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plmscope.rules import WASM2016, RuleSet
from plmscope.units import to_microvolts
from plmscope.detect.emg.baseline import (
    block_length,
    missing_blocks,
    missing_runs,
    resting_level,
    unscorable_codes,
    unscorable_periods,
)
from plmscope.detect.emg.ecg import beat_weights, heartbeats_from_ecg, heartbeats_from_leg, leak_window
from plmscope.detect.emg.leak import leak_waveform
from plmscope.detect.emg.movements import movements_table
from plmscope.detect.emg.preprocess import (
    band_response,
    find_mains,
    fir_half_length,
    frame_plan,
    mean_power,
    notch_frequencies,
    passband,
    rectified_blocks,
    signal_mean,
    smoothed,
    smoothing_width,
)
from plmscope.detect.emg.result import LegMovements
from plmscope.detect.emg.settings import DEFAULT_SETTINGS, DetectorSettings

Mains = float | None | Literal["auto"]


def detect_leg_movements(
    emg: np.ndarray,
    sf: float,
    rules: RuleSet = WASM2016,
    *,
    leg: str = "left",
    ecg: np.ndarray | None = None,
    ecg_sf: float | None = None,
    mains_hz: Mains = "auto",
    unit: str = "uV",
    gaps: Sequence[tuple[float, float]] = (),
    settings: DetectorSettings | None = None,
) -> LegMovements:
    """Monolateral leg movements and unscorable time of one leg's EMG (``unit``: any voltage unit).

    ``ecg`` (sampled at ``ecg_sf``, default ``sf``) locates heartbeats to remove from the leg;
    without it they are found as regular narrow spikes in the leg itself. ``mains_hz``: "auto"
    finds 50 or 60 Hz hum in the spectrum, a number forces it, None disables the notch.
    ``gaps`` are (onset, duration) spans with no recording (EDF+D): unscorable.
    Movements longer than the rule set's maximum are kept and flagged ``long``.

    Examples
    --------
    A minute of quiet EMG (1 µV rms) with a 2 s burst at 30 s:

    >>> rng = np.random.default_rng(0)
    >>> emg = rng.normal(0.0, 1.0, 256 * 60)
    >>> emg[256 * 30 : 256 * 32] += rng.normal(0.0, 40.0, 512)
    >>> found = detect_leg_movements(emg, 256.0)
    >>> [round(float(found.movements.loc[0, k])) for k in ("onset", "duration")]
    [30, 2]
    """
    settings = settings or DEFAULT_SETTINGS
    beats = None
    if ecg is not None:
        beats = heartbeats_from_ecg(np.asarray(ecg), float(ecg_sf or sf), settings)
    return leg_movements_uv(
        to_microvolts(emg, unit), float(sf), rules, settings,
        leg=leg, beat_times=beats, mains_hz=mains_hz, gaps=gaps,
    )


@dataclass(frozen=True)
class LegEnvelope:
    """The first half of the detector on one leg: the rectified band-passed EMG in blocks."""

    blocks: np.ndarray  # mean rectified amplitude per block of q samples (µV, float32)
    env_sf: float  # blocks per second
    sf: float
    n_samples: int
    band: tuple[float, float]
    mains_hz: float | None
    mains_ratio: float | None
    notches: tuple[float, ...]
    half: int  # FIR half-length (samples): how far the filter reaches around missing data
    missing: list[tuple[float, float]]  # (onset, duration) of NaN/inf runs
    beat_waveform_uv: float | None = None  # rise of the heartbeat waveform taken off (None: none was)


def leg_envelope(
    x: np.ndarray, sf: float, settings: DetectorSettings, mains_hz: Mains, beat_times: np.ndarray | None = None,
    *, helper: Executor | None = None,
) -> LegEnvelope:
    """Band-pass and notch (mains found in the spectrum when ``"auto"``), the heartbeat's
    waveform taken off at ``beat_times`` (refined ECG R peaks, s; ``detect.emg.leak``), rectify,
    block means (half of them on ``helper``, an idle executor, when given)."""
    band = passband(sf, settings)
    missing = missing_runs(x, sf)
    half = fir_half_length(sf, settings)
    plan = frame_plan(len(x), half)
    mean = signal_mean(x)
    mains_ratio = None
    if mains_hz == "auto":
        mains_hz, mains_ratio = find_mains(mean_power(x, plan, mean), sf, plan.n_fft, settings)
    notches = notch_frequencies(mains_hz, sf, band[1])
    response = band_response(
        sf, plan.n_fft, half, band, settings.band_order, notches, settings.notch_half_width_hz
    )
    leak = None
    if beat_times is not None and len(beat_times):
        leak = leak_waveform(x, sf, beat_times, response, half, settings.leak_min_uv)
    blocks, q = rectified_blocks(x, plan, mean, response, sf, settings, leak, helper)
    return LegEnvelope(
        blocks, sf / q, sf, len(x), band, mains_hz, mains_ratio, notches, half, missing,
        None if leak is None else round(leak.rise_uv, 2),
    )


def leg_movements_uv(
    x: np.ndarray,
    sf: float,
    rules: RuleSet,
    settings: DetectorSettings,
    *,
    leg: str,
    beat_times: np.ndarray | None,
    mains_hz: Mains,
    gaps: Sequence[tuple[float, float]],
) -> LegMovements:
    """The detector on a µV signal (not modified, not copied; NaN or infinite samples are missing)."""
    return movements_from_envelope(
        leg_envelope(x, sf, settings, mains_hz, beat_times), rules, settings, leg=leg, beat_times=beat_times,
        gaps=gaps,
    )


def movements_from_envelope(
    envelope: LegEnvelope,
    rules: RuleSet,
    settings: DetectorSettings,
    *,
    leg: str,
    beat_times: np.ndarray | None,
    gaps: Sequence[tuple[float, float]],
) -> LegMovements:
    """The second half: heartbeats left out, resting level, unscorable time, the movements."""
    env_sf, sf = envelope.env_sf, envelope.sf
    (env, sharp), ecg_info = envelope_without_heartbeats(envelope.blocks, env_sf, beat_times, settings)
    ecg_info = with_waveform(ecg_info, envelope.beat_waveform_uv, beat_times)

    level = resting_level(env, env_sf, settings)
    block = block_length(env_sf, settings)
    block_s = block / env_sf
    absent = missing_blocks(list(gaps) + envelope.missing, len(level), block_s, envelope.half / sf)
    codes, quiet = unscorable_codes(level, absent, rules, settings)
    excess = np.repeat(level, block)[: len(env)]
    np.subtract(sharp, excess, out=sharp)  # the sharper envelope above the resting level
    np.subtract(env, excess, out=excess)  # the envelope above the resting level
    del env
    scorable = np.repeat(codes == 0, block)[: len(excess)]
    duration = envelope.n_samples / sf
    movements = movements_table(
        excess, scorable, env_sf, 0.5 / env_sf, rules, leg, sharp=sharp,
        offset_smooth=max(1, int(round(settings.offset_smooth_s * env_sf))), onset_dip_s=settings.onset_dip_s,
    )
    return LegMovements(
        leg=leg,
        movements=movements,
        unscorable=unscorable_periods(codes, block_s, duration, leg),
        settings={
            "rules": rules.name,
            "sf": sf,
            "band_hz": envelope.band,
            "mains_hz": envelope.mains_hz,
            "mains_ratio": envelope.mains_ratio,
            "notch_hz": envelope.notches,
            "envelope_sf": env_sf,
            "ecg": ecg_info,
            "baseline": baseline_record(level[codes == 0], quiet, block_s, settings),
            "thresholds": thresholds_record(rules),
            "detector": settings.to_dict(),
        },
        duration=duration,
    )


def baseline_record(resting: np.ndarray, quiet: float, block_s: float, settings: DetectorSettings) -> dict:
    """How the resting level was tracked, and where it sat (scorable time only)."""
    return {
        "method": f"{settings.rest_block_s:g} s block maxima of the envelope, "
        f"opened over {settings.rest_window_s:g} s, at least their "
        f"{settings.rest_percentile:g}th percentile there",
        "block_s": block_s,
        "window_s": settings.rest_window_s,
        "quiet_level_uv": quiet,
        "median_resting_uv": float(np.median(resting)) if len(resting) else float("nan"),
    }


def thresholds_record(rules: RuleSet) -> dict:
    """The rule-set numbers the detector applied."""
    return {
        "onset_uv": rules.onset_threshold_uv,
        "offset_uv": rules.offset_threshold_uv,
        "offset_hold_s": rules.offset_hold_s,
        "min_duration_s": rules.min_duration_s,
        "morphology_window_s": rules.morphology_window_s,
        "morphology_median_uv": rules.morphology_median_uv,
        "unscorable_baseline_uv": rules.unscorable_baseline_uv,
        "long_s": rules.max_candidate_duration_s,
    }


def with_waveform(info: dict, waveform_uv: float | None, beat_times: np.ndarray | None) -> dict:
    """The heartbeat record when the beat's waveform was taken off before rectifying: its size
    is the artefact's (``leak_uv``); what was left and left out is the ``residual_uv``."""
    if waveform_uv is None:
        return {**info, "waveform_uv": None}
    return {
        **info,
        "source": "ecg channel",
        "n_beats": len(beat_times),
        "leak_uv": waveform_uv,
        "waveform_uv": waveform_uv,
        "residual_uv": info["leak_uv"],
    }


def envelope_without_heartbeats(
    blocks: np.ndarray, env_sf: float, beat_times: np.ndarray | None, settings: DetectorSettings
) -> tuple[tuple[np.ndarray, np.ndarray], dict]:
    """The smoothed envelope and the sharper one onsets are placed on (``onset_smooth_s``),
    heartbeats left out: beats from the ECG, else the leg's spikes.

    An ECG that gives fewer beats than one per ``2 * beat_max_rr_s`` is taken as unusable.
    """
    width = smoothing_width(env_sf, settings)
    sharp = max(1, int(round(settings.onset_smooth_s * env_sf)))
    duration = len(blocks) / env_sf
    if beat_times is not None and len(beat_times) * 2 * settings.beat_max_rr_s >= duration:
        beats = np.round(np.asarray(beat_times) * env_sf - 0.5).astype(np.int64)
        source = "ecg channel"
    else:
        beats = heartbeats_from_leg(smoothed(blocks, width), env_sf, settings)
        source = "leg spikes"
    window = leak_window(blocks, beats, env_sf, settings) if len(beats) else None
    if window is None:
        info = {"source": "none", "n_beats": 0, "leak_uv": 0.0, "left_out_s": None}
        return (smoothed(blocks, width), smoothed(blocks, sharp)), info
    start, stop, height = window
    info = {
        "source": source,
        "n_beats": int(len(beats)),
        "leak_uv": round(height, 2),
        "left_out_s": (start / env_sf, (stop + 1) / env_sf),
    }
    # Beats are subtracted, then left out of the envelope's mean (the subtraction is rough), but
    # where a beat leaves too little of the mean's window it is read on the subtracted blocks:
    # drawn straight across, a burst under the beat was hidden (a strong leak at a fast heart
    # rate covers a quarter of the night) and 0.5 s LMs were cut short. Subtraction changes
    # only the blocks left out, so the mean of the kept ones is as it was.
    subtracted = subtract_beats(blocks, beats, start, stop)
    keep = beat_weights(len(blocks), beats, start, stop)
    env = smoothed(blocks, width, keep, fill=blocks if subtracted else None)
    del keep
    return (env, smoothed(blocks, sharp)), info


def subtract_beats(blocks: np.ndarray, beats: np.ndarray, start: int, stop: int, spread: float = 3.0) -> bool:
    """Take a typical heartbeat off the rectified blocks at each beat, in place; whether it was
    done (not with fewer than 10 beats).

    Leaving the beats out (as the smoothed envelope does) hides 0.1 s of EMG at every beat, and a
    movement starting there gets its onset late. A block no higher than a beat alone gives
    (the median beat plus ``spread`` times its robust spread over beats) has the beat's rise
    at rest subtracted. A block well above that holds EMG as well, and rectified amplitudes
    of independent signals add about as their squares do (rms adds in quadrature): there the
    beat is taken off in squares, ``sqrt(x**2 - (beat**2 - rest**2))``, which leaves a burst
    under a beat where a plain subtraction took most of it away. Between the two (up to twice
    the spread) the result goes from one to the other.

    >>> blocks = np.tile(np.array([1.0, 1.0, 5.0, 1.0, 1.0], np.float32), 12)
    >>> blocks[2:60:5] += np.linspace(-0.2, 0.2, 12).astype(np.float32)  # beats vary a little
    >>> blocks[52] = np.hypot(9.0, np.sqrt(24.0))  # a burst of 9 under a beat
    >>> subtract_beats(blocks, np.arange(2, 60, 5), 0, 0)
    True
    >>> [round(float(v), 2) for v in blocks[[2, 52]]]  # rest beside the beat; the burst under it
    [0.8, 9.0]
    """
    span = np.arange(start, stop + 1)
    inside = beats[(beats + start - 1 >= 0) & (beats + stop + 1 < len(blocks))]
    if len(inside) < 10:
        return False
    typical = inside[:: max(1, len(inside) // 3000)]
    sample = blocks[typical[:, None] + span]
    profile = np.median(sample, axis=0)
    margin = spread * np.maximum(1.4826 * np.median(np.abs(sample - profile), axis=0), 1e-6)  # robust sd
    around = np.median(blocks[typical[:, None] + np.array([start - 1, stop + 1])])  # EMG beside the beat
    rise = np.clip(profile - around, 0.0, None)
    power = np.clip(profile**2 - around**2, 0.0, None)
    for first in range(0, len(inside), BEATS_PER_CHUNK):  # a loop over chunks of beats: small temporaries
        where = inside[first : first + BEATS_PER_CHUNK, None] + span
        x = blocks[where]
        plain = x - rise
        squares = np.sqrt(np.maximum(x**2 - power, 0.0))
        share = np.clip((x - profile) / margin - 1.0, 0.0, 1.0)
        blocks[where] = plain + share * np.maximum(squares - plain, 0.0)
    return True


#: Heartbeats cleaned at once by :func:`subtract_beats`.
BEATS_PER_CHUNK = 4096
