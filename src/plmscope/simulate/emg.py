"""Tibialis EMG synthesis: band-limited noise at rest, LM bursts, noisy periods, truth times.

Amplitude convention (what ``amplitude_uv`` in the truth table means):

* The EMG is gaussian noise shaped like surface EMG (band 20–150 Hz, capped below Nyquist),
  scaled so that its rms *inside the detection band* (10–100 Hz zero-phase band-pass, the
  usual LM-detector filter) is the stated value.
* Rectified gaussian noise of rms ``s`` has mean ``sqrt(2/pi) * s``. At rest the rms is
  ``s_rest`` (``noise_uv`` in NREM, 30 % more awake, 15 % less in REM, slowly drifting), so the
  resting level of the rectified EMG is ``sqrt(2/pi) * s_rest`` (0.8 µV for 1 µV rms).
* During an LM an independent burst noise of rms ``s_b(t)`` is added. Its envelope ``a(t)`` is
  the rise of the rectified mean above the resting level,
  ``a = sqrt(2/pi) * (sqrt(s_rest**2 + s_b**2) - s_rest)``, hence
  ``s_b = sqrt((a * sqrt(pi/2) + s_rest)**2 - s_rest**2)``.
* So a burst of amplitude 10 µV lifts the rectified, smoothed 10–100 Hz EMG by 10 µV above
  rest and is found by an 8 µV-above-rest detector. ``amplitude_uv`` is the mean of ``a(t)``
  over the burst plateau (between the end of the rise and the start of the fall).
* A truth LM is what the standard scores on ``a(t)`` (``plmscope.simulate.truth``): it starts
  where ``a`` first reaches the onset threshold (8 µV) and ends at the start of the first
  0.5 s within the offset threshold (2 µV), and lasts at least 0.5 s (all from the RuleSet).
  A burst planned as an LM that would be too short is lengthened; a burst that still is no LM
  (or a twitch) becomes a decoy, never a truth LM.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import signal

from plmscope.rules import RuleSet
from . import shapes, truth

DETECTION_BAND_HZ = (10.0, 100.0)
EMG_BAND_HZ = (20.0, 150.0)


def band_sos(fs: float, band: tuple[float, float], order: int) -> np.ndarray:
    """Butterworth band-pass (second-order sections), the top edge kept below Nyquist."""
    high = min(band[1], 0.42 * fs)
    return signal.butter(order, [band[0], high], btype="bandpass", fs=fs, output="sos")


def detection_band_gain(fs: float) -> float:
    """Share of EMG-shaped noise power that a 10–100 Hz zero-phase band-pass keeps."""
    freqs = np.linspace(0.0, fs / 2.0, 4096)
    _, shape = signal.sosfreqz(band_sos(fs, EMG_BAND_HZ, 2), worN=freqs, fs=fs)
    _, det = signal.sosfreqz(band_sos(fs, DETECTION_BAND_HZ, 4), worN=freqs, fs=fs)
    power = np.abs(shape) ** 2
    return float(np.sum(power * np.abs(det) ** 4) / np.sum(power))


def emg_noise(rng: np.random.Generator, n: int, fs: float) -> np.ndarray:
    """EMG-shaped gaussian noise with unit rms inside the detection band (float32)."""
    white = rng.standard_normal(n + int(fs), dtype=np.float32)
    shaped = signal.sosfilt(band_sos(fs, EMG_BAND_HZ, 2).astype(np.float32), white)[int(fs) :]
    scale = np.sqrt(detection_band_gain(fs) * np.mean(shaped.astype(np.float64) ** 2))
    return (shaped / scale).astype(np.float32)


def slow_curve(
    rng: np.random.Generator, n: int, fs: float, step_s: float, sd: float, walk: bool = True
) -> np.ndarray:
    """A smooth random curve (mean 0) with one knot per ``step_s`` s, sampled at ``fs``:
    a random walk (slow trends) or, with ``walk=False``, independent knots (wander)."""
    knots = int(np.ceil(n / fs / step_s)) + 2
    values = rng.normal(0.0, sd, knots)
    if walk:
        values = np.cumsum(values)
    values -= values.mean()
    return np.interp(np.arange(n) / fs, np.arange(knots) * step_s, values).astype(np.float32)


#: Resting muscle tone relative to NREM sleep: higher awake, lowest in REM (atonia).
STAGE_TONE = {"W": 1.3, "N1": 1.1, "N2": 1.0, "N3": 1.0, "R": 0.85, "?": 1.0}


def resting_rms(
    rng: np.random.Generator,
    n: int,
    fs: float,
    noise_uv: float,
    drift: bool,
    stages: np.ndarray,
    epoch_s: float,
) -> np.ndarray:
    """Rms of the resting EMG: ``noise_uv`` in NREM sleep, scaled by stage tone (blended
    over ~30 s) and, with ``drift``, changing slowly by up to ±35 % over the night."""
    t = np.arange(n, dtype=np.float64) / fs
    centres = (np.arange(len(stages)) + 0.5) * epoch_s
    tone = np.interp(t, centres, [STAGE_TONE.get(s, 1.0) for s in stages])
    if drift:
        tone *= np.exp(np.clip(slow_curve(rng, n, fs, 120.0, 0.06), -0.3, 0.3))
    return (noise_uv * tone).astype(np.float32)


def _raised_cosine(n: int) -> np.ndarray:
    """A smooth rise from 0 to 1 over ``n`` samples."""
    return 0.5 - 0.5 * np.cos(np.pi * (np.arange(n) + 0.5) / max(n, 1))


def burst_envelope(
    rng: np.random.Generator, length: float, amplitude: float, fs: float, fragmented: bool
) -> tuple[np.ndarray, slice]:
    """Envelope ``a(t)`` (µV above rest) of one burst, and the plateau as a slice of it.

    Rise and fall take 50–300 ms; a fragmented burst has a slowly varying plateau and short
    dips (< 0.4 s) between sub-bursts, which stay inside one LM by the 0.5 s offset rule.
    """
    n = max(int(round(length * fs)), 4)
    rise = int(min(rng.uniform(0.05, 0.3), 0.3 * length) * fs)
    fall = int(min(rng.uniform(0.05, 0.3), 0.3 * length) * fs)
    n_plateau = max(n - rise - fall, 2)
    plateau = np.ones(n_plateau)
    if fragmented:
        wobble = np.cumsum(rng.normal(0.0, 1.0, n_plateau))
        wobble = signal.detrend(wobble) / max(np.std(wobble), 1e-9)
        plateau *= np.exp(0.15 * wobble)
        for _ in range(rng.poisson(n_plateau / fs / 1.5)):
            width = int(rng.uniform(0.1, 0.35) * fs)
            centre = int(rng.integers(0, n_plateau))
            idx = np.arange(max(0, centre - width // 2), min(n_plateau, centre + width // 2))
            dip = np.sin(np.pi * (idx - centre + width // 2) / max(width, 1)) ** 2
            plateau[idx] *= 1.0 - rng.uniform(0.5, 0.95) * dip
        plateau /= plateau.mean()
    env = np.concatenate([_raised_cosine(rise), plateau, _raised_cosine(fall)[::-1]]) * amplitude
    return env, slice(rise, rise + n_plateau)


def burst_rms(envelope: np.ndarray, rest_rms: np.ndarray) -> np.ndarray:
    """Rms of the burst noise that lifts the rectified mean by ``envelope`` above rest."""
    total = envelope * np.sqrt(np.pi / 2.0) + rest_rms
    return np.sqrt(np.maximum(total**2 - rest_rms**2, 0.0))


def _rendered_burst(
    rng: np.random.Generator, length: float, amp: float, frag: bool, fs: float, rules: RuleSet,
    planned_lm: bool, shape: str = "classic",
) -> tuple[np.ndarray, slice, list, list]:
    """One burst's envelope, plateau and scored/rejected spans; a burst planned as an LM that
    the standard would find too short is drawn again, lengthened by what it lacked."""
    for _ in range(4):
        if shape == "varied":
            a, plateau = shapes.varied_envelope(rng, length, amp, fs)
        else:
            a, plateau = burst_envelope(rng, length, amp, fs, frag)
        lms, rejected = truth.scored_spans(a, fs, rules)
        if lms or not rejected or not planned_lm:
            break
        lacking = rules.min_duration_s - max(off - on for on, off in rejected) / fs
        length += max(lacking, 0.0) + 0.05
    return a, plateau, lms, rejected


def leg_envelope(
    rng: np.random.Generator, bursts: pd.DataFrame, n: int, fs: float, rules: RuleSet
) -> tuple[np.ndarray, pd.DataFrame]:
    """The summed burst envelope of one leg and its truth rows (onset, offset, amplitude_uv,
    ``lm``): every span the standard scores as an LM, and one row (``lm`` False) for each
    burst it does not score (twitches; bursts too short or never 8 µV above rest)."""
    env = np.zeros(n, dtype=np.float32)
    rows = []
    kinds = bursts["kind"] if "kind" in bursts else pd.Series("isolated", index=bursts.index)
    looks = bursts["shape"] if "shape" in bursts else pd.Series("classic", index=bursts.index)
    for i, (start, length, amp, frag, kind, shape) in enumerate(
        zip(bursts["start"], bursts["length"], bursts["amplitude"], bursts["fragmented"], kinds, looks)
    ):
        a, plateau, lms, rejected = _rendered_burst(
            rng, length, amp, bool(frag), fs, rules, planned_lm=kind != "twitch", shape=shape
        )
        i0 = int(round(start * fs))
        a = a[: max(0, n - i0)]
        env[i0 : i0 + len(a)] += a
        amplitude = float(np.mean(a[plateau])) if len(a[plateau]) else np.nan
        shortest = rules.min_duration_s * fs - 1e-6  # an LM cut by the recording's end may fail
        scored = [(on, min(off, len(a))) for on, off in lms]
        scored = [(on, off) for on, off in scored if off - on >= shortest]
        rows += [(i, (i0 + on) / fs, (i0 + off) / fs, amplitude, True, kind) for on, off in scored]
        if not scored and (seen := truth.decoy_span(a, rules)) is not None:
            why = kind if kind == "twitch" else "too_short" if lms or rejected else "below_onset"
            rows.append((i, (i0 + seen[0]) / fs, (i0 + seen[1]) / fs, amplitude, False, why))
    columns = ["row", "onset", "offset", "amplitude_uv", "lm", "kind"]
    found = pd.DataFrame(rows, columns=columns)
    table = bursts.reset_index(drop=True).iloc[found["row"].to_numpy()].reset_index(drop=True)
    return env, table.assign(**found.drop(columns="row").to_dict("series"))


def noisy_rms(periods: pd.DataFrame, n: int, fs: float) -> np.ndarray:
    """Extra EMG rms (µV) of the noisy periods, with 2 s ramps at both ends."""
    extra = np.zeros(n, dtype=np.float32)
    for start, end, level in periods[["start", "end", "level_uv"]].itertuples(index=False):
        i0, i1 = int(start * fs), min(n, int(np.ceil(end * fs)))
        t = np.arange(i0, i1) / fs
        ramp = np.clip(np.minimum(t - start, end - t) / 2.0, 0.0, 1.0)
        extra[i0:i1] = np.maximum(extra[i0:i1], level * ramp)
    return extra


def leg_emg(
    rng: np.random.Generator, rest: np.ndarray, envelope: np.ndarray, extra: np.ndarray, fs: float
) -> np.ndarray:
    """Resting EMG plus bursts plus noisy periods, all EMG-shaped noise (float32 µV)."""
    active = np.sqrt(burst_rms(envelope, rest) ** 2 + extra**2).astype(np.float32)
    n = len(rest)
    return rest * emg_noise(rng, n, fs) + active * emg_noise(rng, n, fs)
