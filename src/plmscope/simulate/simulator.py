"""``simulate_night``: a whole PSG night with known leg movements, for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from plmscope.night import LEGS, SLEEP_STAGES, Hypnogram, Night, Signal
from plmscope.rules import WASM2016, RuleSet
from . import (
    artefacts,
    bursts,
    disturbances,
    ecg,
    eeg,
    emg,
    events,
    hypnogram,
    movements,
)
from .profiles import Profile, get_profile

UNITS = ("uV", "mV", "V")
TRUTH_COLUMNS = ("leg", "onset", "offset", "kind", "amplitude_uv", "pattern", "event_id")
LEG_LABELS = {"left": "Leg L", "right": "Leg R"}
#: Every simulated recording starts at the same clock time, so files are reproducible.
START = dt.datetime(2024, 3, 1, 22, 30, 0)


@dataclass
class SimulatedNight:
    """A simulated night and what is really in it.

    ``truth`` has one row per true monolateral LM: ``leg`` (left/right), ``onset``/``offset``
    (s, where the burst envelope crosses the 8 µV onset / 2 µV offset thresholds above rest),
    ``kind`` (periodic, isolated, wake, hypnic, respiratory, long, doublet, near_threshold),
    ``amplitude_uv`` (see ``plmscope.simulate.emg``), ``pattern`` (the kind before a burst was
    made near-threshold) and ``event_id`` (shared by both legs of a bilateral movement).
    ``unscorable_truth`` lists the noisy periods (start, end) where no LM can be seen.
    ``decoys`` lists EMG bursts that are *not* LMs, same columns as ``truth``: phasic twitches
    of 0.1–0.3 s (``twitch``, mostly in REM) and the rare burst the standard would not score
    (``too_short``, ``below_onset``; ``pattern`` says what it was meant to be). A detector
    should not report them. ``disturbances`` lists the electrode pops, baseline steps and tonic
    periods (leg, kind, start, end, size; see ``plmscope.simulate.disturbances``): not LMs.
    ``r_peaks`` are the ECG R-peak times (s) that also leak into the leg channels.
    """

    night: Night
    truth: pd.DataFrame
    unscorable_truth: pd.DataFrame
    profile: str
    seed: int
    params: dict = field(default_factory=dict)
    r_peaks: np.ndarray = field(default_factory=lambda: np.empty(0))
    decoys: pd.DataFrame = field(default_factory=pd.DataFrame)
    disturbances: pd.DataFrame = field(default_factory=pd.DataFrame)


def _check(
    hours: float, fs: float, unit: str, near_threshold: float, noisy_periods: int,
    heart_rate_bpm: tuple[float, float], rates: dict[str, float],
) -> None:
    """Raise ValueError for options no night can be simulated with."""
    lo, hi = heart_rate_bpm
    if not 30.0 <= lo <= hi <= 150.0:
        raise ValueError(f"heart_rate_bpm must be (low, high) within 30–150, got {heart_rate_bpm}")
    for name, rate in rates.items():
        if not rate >= 0:
            raise ValueError(f"{name} cannot be negative, got {rate}")
    if not hours > 0:
        raise ValueError(f"hours must be positive, got {hours}")
    if fs < 100:
        raise ValueError(f"sampling rate {fs} Hz is too low for leg EMG; use >= 200 Hz")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    if not 0.0 <= near_threshold <= 1.0:
        raise ValueError(f"near_threshold is a fraction between 0 and 1, got {near_threshold}")
    if noisy_periods < 0:
        raise ValueError(f"noisy_periods cannot be negative, got {noisy_periods}")


def _schedule(
    rng: np.random.Generator,
    plan: hypnogram.SleepPlan,
    prof: Profile,
    rules: RuleSet,
    near_threshold: float,
    fragmented: bool,
    n_noisy: int,
    looks: tuple[np.random.Generator, str, float] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The events table, the per-leg bursts and the noisy periods of the night."""
    has_breathing = prof.apneas_per_h > 0 or prof.apnea_clusters > 0
    breathing = (
        events.simulate_breathing(rng, plan, prof)
        if has_breathing
        else events.no_breathing_events()
    )
    moves = movements.schedule_movements(rng, plan, prof, breathing)
    legs = bursts.resolve_clashes(bursts.leg_bursts(rng, moves))
    noisy = bursts.noisy_periods(rng, plan, n_noisy)
    legs = bursts.mark_near_threshold(
        rng, bursts.drop_inside(legs, noisy), near_threshold, rules, fragmented
    )
    if looks is not None:
        shape_rng, shapes, short = looks
        legs = bursts.vary_bursts(shape_rng, legs, shapes, short)
    periodic = moves.loc[moves["kind"] == "periodic", "onset"].to_numpy()  # arousals follow some
    periodic = periodic[np.isin(plan.stage_at(periodic), SLEEP_STAGES)]
    arousals = events.simulate_arousals(rng, plan, prof, breathing, periodic)
    return events.events_table(plan, breathing, arousals), legs, noisy


def simulate_night(
    profile: str = "plmd",
    *,
    seed: int = 0,
    hours: float = 8.0,
    fs: float = 256.0,
    mains_hz: float | None = None,
    ecg_leak_uv: float = 3.0,
    noise_uv: float = 1.0,
    near_threshold: float = 0.1,
    fragmented_near_threshold: bool = False,
    noisy_periods: int = 0,
    heart_rate_bpm: tuple[float, float] = (55.0, 80.0),
    electrode_pops_per_h: float = 0.0,
    baseline_steps_per_h: float = 0.0,
    tonic_per_h: float = 0.0,
    unit: str = "uV",
    drift: bool = True,
    rules: RuleSet = WASM2016,
    burst_shapes: str = "classic",
    short_lms: float = 0.0,
) -> SimulatedNight:
    """Simulate one night of ``profile`` (healthy, hypnic, plmd, rls, apnea, demo).

    Deterministic per ``seed``. ``noise_uv`` is the resting EMG rms in the 10–100 Hz band
    during NREM sleep (wake 30 % more, REM 15 % less), ``ecg_leak_uv`` the QRS height
    (10–100 Hz band) of the ECG in the more affected leg (8–15 µV is a strong leak, above the
    LM onset threshold on purpose), ``mains_hz`` adds 50/60 Hz hum of about 20 µV,
    ``near_threshold`` is the fraction of LMs drawn 0.7–3 µV above the onset threshold and
    ``noisy_periods`` the number of 2–10 min stretches too noisy to score. ``unit`` is the
    unit a written file will declare; signals in memory are always float32 µV.

    Harder nights (all off by default; none adds or removes a truth LM, see ``disturbances``):
    ``fragmented_near_threshold`` makes the near-threshold LMs sub-bursts with short dips,
    ``heart_rate_bpm`` is the range of the night's mean heart rate (e.g. (95, 110) for a fast
    heart, whose leak leaves the leg less quiet time), ``electrode_pops_per_h``,
    ``baseline_steps_per_h`` and ``tonic_per_h`` add, per leg and hour in bed, electrode pops,
    2–10 min noise steps (x1.5–2.5) and 1–5 min tonic raises (3–6 µV). These draw on their
    own random stream, so switching them on leaves the rest of the night as it was.

    Bursts unlike the usual ones: ``burst_shapes="varied"`` draws each LM burst's envelope from
    ``simulate.shapes`` (linear, exponential or slow ramps of 20–800 ms; waxing-waning,
    decaying or two-humped plateaus), and ``short_lms`` is the fraction of LM bursts drawn just
    over the 0.5 s minimum (truth LMs of 0.5–1 s). The truth stays what the rules score on the
    clean envelope. These choices draw on their own random stream.
    """
    rates = {
        "electrode_pops_per_h": electrode_pops_per_h,
        "baseline_steps_per_h": baseline_steps_per_h,
        "tonic_per_h": tonic_per_h,
    }
    _check(hours, fs, unit, near_threshold, noisy_periods, heart_rate_bpm, rates)
    if burst_shapes not in ("classic", "varied"):
        raise ValueError(f"burst_shapes must be 'classic' or 'varied', got {burst_shapes!r}")
    if not 0.0 <= short_lms <= 1.0:
        raise ValueError(f"short_lms is a fraction between 0 and 1, got {short_lms}")
    varied = burst_shapes != "classic" or short_lms > 0
    prof = get_profile(profile)
    rng = np.random.default_rng(seed)
    duration = float(max(60, round(hours * 3600.0)))
    n = int(round(duration * fs))
    plan = hypnogram.simulate_sleep(
        rng, duration, prof.sleep_latency_min, prof.wake_bouts_per_h, rules.epoch_s
    )
    looks = (np.random.default_rng([seed, 2]), burst_shapes, short_lms) if varied else None
    table, leg_bursts, noisy = _schedule(
        rng, plan, prof, rules, near_threshold, fragmented_near_threshold, noisy_periods, looks
    )

    r_peaks = ecg.r_peak_times(rng, duration, heart_rate_bpm)
    beats = ecg.heartbeats(r_peaks, n, fs)
    leak = artefacts.ecg_leak_gains(rng, ecg_leak_uv, fs)
    extra = emg.noisy_rms(noisy, n, fs)
    other = np.random.default_rng([seed, 1])  # disturbances: their own stream
    legs, truths, disturbed = {}, [], {}
    for leg in LEGS:
        rest = emg.resting_rms(rng, n, fs, noise_uv, drift, plan.stages, plan.epoch_s)
        disturbed[leg] = found = disturbances.leg_disturbances(other, plan, **rates)
        if len(found["baseline_step"]) or len(found["tonic"]):
            rest = disturbances.disturbed_rest(rest, found["baseline_step"], found["tonic"], fs)
        envelope, truth = emg.leg_envelope(rng, leg_bursts[leg_bursts["leg"] == leg], n, fs, rules)
        data = emg.leg_emg(rng, rest, envelope, extra, fs) + np.float32(leak[leg]) * beats
        if len(found["pop"]):
            data += disturbances.pop_trace(found["pop"], n, fs)
        if mains_hz:
            data += artefacts.mains_hum(rng, n, fs, mains_hz)
        if drift:
            data += artefacts.baseline_wander(rng, n, fs)
        legs[leg] = Signal(label=LEG_LABELS[leg], data=data.astype(np.float32), sf=fs, unit=unit)
        truths.append(truth)

    night = Night(
        legs=legs,
        duration=duration,
        hypnogram=Hypnogram(stages=plan.stages, epoch_s=plan.epoch_s),
        events=table,
        start=START,
        ecg=Signal("ECG", ecg.ecg_channel(rng, r_peaks, n, fs), fs, unit),
        eeg=Signal("C3-M2", eeg.eeg_channel(rng, plan.stages, plan.epoch_s, n, fs), fs, unit),
        source=f"simulated {prof.name} night, seed {seed}",
        hypnogram_source="simulated",
    )
    params = dict(
        profile=prof.name,
        seed=seed,
        hours=hours,
        fs=fs,
        mains_hz=mains_hz,
        ecg_leak_uv=ecg_leak_uv,
        noise_uv=noise_uv,
        near_threshold=near_threshold,
        fragmented_near_threshold=fragmented_near_threshold,
        noisy_periods=noisy_periods,
        heart_rate_bpm=tuple(heart_rate_bpm),
        **rates,
        unit=unit,
        drift=drift,
        rules=rules.name,
        ecg_leak_by_leg=leak,
        burst_shapes=burst_shapes,
        short_lms=short_lms,
    )
    rendered = pd.concat(truths, ignore_index=True)
    is_lm = rendered["lm"].to_numpy(dtype=bool)
    return SimulatedNight(
        night=night,
        truth=_truth_table(rendered[is_lm]),
        unscorable_truth=noisy[["start", "end"]].reset_index(drop=True),
        profile=prof.name,
        seed=seed,
        params=params,
        r_peaks=r_peaks,
        decoys=_truth_table(rendered[~is_lm]),
        disturbances=disturbances.disturbance_table(disturbed),
    )


def _truth_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Monolateral bursts as a truth table (``TRUTH_COLUMNS``), sorted by onset."""
    table = rows.sort_values(["onset", "leg"], ignore_index=True)
    return table[list(TRUTH_COLUMNS)].astype(
        {"onset": "float64", "offset": "float64", "amplitude_uv": "float64", "event_id": "int64"}
    )
