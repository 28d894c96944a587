"""The leg-movement schedule of a simulated night: which LM happens when, on which leg.

Each generator returns *movements* (one row per movement, columns ``onset, length, kind,
legs, lag, amplitude``): ``onset`` and ``length`` describe the burst envelope in seconds,
``legs`` is ``left``, ``right`` or ``both`` and ``lag`` the delay of the second leg of a
bilateral movement. ``leg_bursts`` turns them into one row per leg, which ``emg`` renders.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import SLEEP_STAGES
from .events import sample_times_in_stages
from .hypnogram import SleepPlan
from .profiles import Profile

MOVEMENT_COLUMNS = ("onset", "length", "kind", "legs", "lag", "amplitude")
#: Where periodic series start, and how often an LM of a series survives in each stage.
_RUN_START_WEIGHT = {"N1": 1.0, "N2": 1.0, "N3": 0.25, "R": 0.15}
_RUN_KEEP = {"W": 0.5, "N1": 1.0, "N2": 1.0, "N3": 0.3, "R": 0.3}
_LONG_WEIGHT = {"W": 1.0, "N1": 1.0, "N2": 0.5, "N3": 0.1, "R": 0.3}
#: When two LMs compete for the same leg, the first kind listed wins.
PRIORITY = ("long", "hypnic", "respiratory", "periodic", "doublet", "isolated", "wake", "twitch")
#: Phasic muscle twitches (shorter than an LM) per hour of each stage.
_TWITCH_PER_H = {"R": 60.0, "N1": 6.0, "N2": 3.0, "N3": 1.0, "W": 6.0}


def movement_table(onset, length, kind, legs, lag, amplitude) -> pd.DataFrame:
    """A movements table from equal-length arrays (or scalars for kind)."""
    onset = np.asarray(onset, dtype=np.float64)
    return pd.DataFrame(
        {
            "onset": onset,
            "length": np.broadcast_to(length, onset.shape).astype(np.float64),
            "kind": np.broadcast_to(np.asarray(kind, dtype=object), onset.shape),
            "legs": np.broadcast_to(np.asarray(legs, dtype=object), onset.shape),
            "lag": np.broadcast_to(lag, onset.shape).astype(np.float64),
            "amplitude": np.broadcast_to(amplitude, onset.shape).astype(np.float64),
        }
    )


def _amplitudes(rng: np.random.Generator, n: int, median: float = 25.0) -> np.ndarray:
    """Plateau amplitudes (µV above resting level) of typical LMs: log-normal, 12–120 µV."""
    return np.clip(median * rng.lognormal(0.0, 0.5, size=n), 12.0, 120.0)


def _lengths(rng: np.random.Generator, n: int, median: float, lo: float, hi: float) -> np.ndarray:
    """Burst lengths in seconds: log-normal around ``median``, clipped to [lo, hi]."""
    return np.clip(median * rng.lognormal(0.0, 0.45, size=n), lo, hi)


def _legs(rng: np.random.Generator, n: int, bilateral_prob: float, left_prob: float = 0.5):
    """Which leg(s) move: ``both`` with ``bilateral_prob``, else left or right."""
    one = np.where(rng.random(n) < left_prob, "left", "right")
    return np.where(rng.random(n) < bilateral_prob, "both", one).astype(object)


def _one_run(rng: np.random.Generator, plan: SleepPlan, profile: Profile, start: float, end: float):
    """Onsets and legs of one periodic series from ``start`` to at most ``end`` seconds."""
    mean_imi = rng.uniform(*profile.imi_s)
    imis = np.clip(mean_imi * rng.lognormal(0.0, 0.12, size=400), 10.5, 85.0)
    onsets = start + np.concatenate([[0.0], np.cumsum(imis)])
    onsets = onsets[onsets < end]
    keep = rng.random(len(onsets)) < np.vectorize(_RUN_KEEP.get)(plan.stage_at(onsets))
    onsets = onsets[keep]
    legs = _legs(rng, len(onsets), profile.bilateral_prob, left_prob=rng.uniform(0.2, 0.8))
    return onsets, legs


def periodic_series(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> pd.DataFrame:
    """PLM series: runs of minutes to an hour, IMI 20–40 s with jitter, mostly in N1/N2."""
    n_runs = max(profile.min_plm_runs, int(rng.poisson(profile.plm_runs_per_h * plan.hours_asleep)))
    candidates = sample_times_in_stages(rng, plan, _RUN_START_WEIGHT, 10 * n_runs + 10)
    spans: list[tuple[float, float]] = []
    for start in rng.permutation(candidates):
        if len(spans) == n_runs:
            break
        minutes = np.exp(rng.uniform(*np.log(profile.run_minutes)))
        end = min(start + minutes * 60.0, plan.lights_on - 5.0)
        if end - start < min(minutes * 60.0, 300.0):
            continue  # too close to lights on for a proper series
        if any(start < e + 60.0 and end + 60.0 > s for s, e in spans):
            continue
        spans.append((float(start), float(end)))
    spans += _wake_series_spans(rng, plan, profile.plmw_runs)
    parts = [_one_run(rng, plan, profile, s, e) for s, e in spans]
    onsets = np.concatenate([p[0] for p in parts]) if parts else np.empty(0)
    legs = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, dtype=object)
    n = len(onsets)
    return movement_table(
        onsets,
        _lengths(rng, n, 1.8, 0.7, 5.0),
        "periodic",
        legs,
        rng.uniform(0.0, 0.4, n),
        _amplitudes(rng, n),
    )


def _wake_series_spans(rng: np.random.Generator, plan: SleepPlan, count: int):
    """Spans of periodic series in the wake before sleep onset (PLMW of restless legs)."""
    latest = plan.sleep_onset - 60.0
    if count == 0 or latest - plan.lights_off < 180.0:
        return []
    edges = np.linspace(plan.lights_off + 30.0, latest, count + 1)
    return [
        (float(a), float(min(b, a + rng.uniform(4.0, 15.0) * 60.0)))
        for a, b in zip(edges[:-1], edges[1:])
    ]


def isolated_movements(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> pd.DataFrame:
    """Isolated LMs at random in sleep (``isolated``) and in wake after lights off (``wake``)."""
    n_sleep = int(rng.poisson(profile.isolated_per_h_sleep * plan.hours_asleep))
    sleep = sample_times_in_stages(rng, plan, {s: 1.0 for s in SLEEP_STAGES}, n_sleep)
    wake_h = plan.seconds_in_bed_awake / 3600.0
    wake = sample_times_in_stages(
        rng, plan, {"W": 1.0}, int(rng.poisson(profile.isolated_per_h_wake * wake_h))
    )
    return pd.concat(
        [
            movement_table(
                sleep,
                _lengths(rng, len(sleep), 1.8, 0.7, 6.0),
                "isolated",
                _legs(rng, len(sleep), 0.4),
                rng.uniform(0.0, 0.4, len(sleep)),
                _amplitudes(rng, len(sleep)),
            ),
            movement_table(
                wake,
                _lengths(rng, len(wake), 2.5, 0.8, 8.0),
                "wake",
                _legs(rng, len(wake), 0.5),
                rng.uniform(0.0, 0.4, len(wake)),
                _amplitudes(rng, len(wake), median=35.0),
            ),
        ],
        ignore_index=True,
    )


def hypnic_jerks(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> pd.DataFrame:
    """Brief strong bilateral jerks (0.5–2 s) around the first wake→N1 transitions."""
    lo, hi = profile.hypnic_jerks
    onsets = [
        t + np.sort(rng.uniform(-20.0, 40.0, size=int(rng.integers(lo, hi + 1))))
        for t in plan.falling_asleep()[: profile.hypnic_transitions]
    ]
    onsets = np.concatenate(onsets) if onsets else np.empty(0)
    n = len(onsets)
    return movement_table(
        onsets,
        rng.uniform(0.6, 1.8, n),
        "hypnic",
        "both",
        rng.uniform(0.0, 0.15, n),
        rng.uniform(40.0, 150.0, n),
    )


def respiratory_movements(rng: np.random.Generator, breathing: pd.DataFrame, prob: float):
    """LMs 0.5–5 s after the end of apneas/hypopneas (the breath that ends the event)."""
    ends = (breathing["onset"] + breathing["duration"]).to_numpy()
    ends = ends[rng.random(len(ends)) < prob]
    n = len(ends)
    return movement_table(
        ends + rng.uniform(0.5, 5.0, n),
        _lengths(rng, n, 2.0, 0.8, 5.0),
        "respiratory",
        _legs(rng, n, 0.6),
        rng.uniform(0.0, 0.4, n),
        _amplitudes(rng, n, median=30.0),
    )


def long_movements(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> pd.DataFrame:
    """A few movements longer than 10 s (turning over, stretching), mostly in wake or N1."""
    hours = (plan.lights_on - plan.lights_off) / 3600.0
    onsets = sample_times_in_stages(
        rng, plan, _LONG_WEIGHT, int(rng.poisson(profile.long_per_h * hours))
    )
    n = len(onsets)
    return movement_table(
        onsets,
        rng.uniform(11.0, 25.0, n),
        "long",
        "both",
        rng.uniform(0.0, 0.4, n),
        rng.uniform(30.0, 100.0, n),
    )


def doublets(rng: np.random.Generator, periodic: pd.DataFrame, prob: float) -> pd.DataFrame:
    """A second short LM 3–8 s after some periodic LMs (short-interval LMs)."""
    first = periodic[rng.random(len(periodic)) < prob]
    gap = rng.uniform(3.0, 8.0, len(first))
    n = len(first)
    return movement_table(
        first["onset"].to_numpy() + gap,
        rng.uniform(0.7, 1.8, n),
        "doublet",
        first["legs"].to_numpy(),
        rng.uniform(0.0, 0.4, n),
        _amplitudes(rng, n),
    )


def shorten_before_doublets(periodic: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Shorten periodic LMs followed by a doublet so the two stay separate (≥ 1.5 s apart)."""
    out = periodic.copy()
    idx = np.searchsorted(out["onset"].to_numpy(), second["onset"].to_numpy()) - 1
    room = second["onset"].to_numpy() - out["onset"].to_numpy()[idx] - 1.5
    out.loc[out.index[idx], "length"] = np.minimum(out["length"].to_numpy()[idx], room)
    return out


def twitches(rng: np.random.Generator, plan: SleepPlan) -> pd.DataFrame:
    """Phasic twitches of 0.1–0.3 s, mostly in REM: EMG bursts too short to be an LM."""
    hours = {st: np.sum(plan.stages == st) * plan.epoch_s / 3600.0 for st in _TWITCH_PER_H}
    n = int(rng.poisson(sum(_TWITCH_PER_H[st] * h for st, h in hours.items())))
    onsets = sample_times_in_stages(rng, plan, _TWITCH_PER_H, n)
    return movement_table(
        onsets,
        rng.uniform(0.1, 0.3, n),
        "twitch",
        _legs(rng, n, 0.1),
        rng.uniform(0.0, 0.1, n),
        _amplitudes(rng, n, median=20.0),
    )


def schedule_movements(
    rng: np.random.Generator, plan: SleepPlan, profile: Profile, breathing: pd.DataFrame
) -> pd.DataFrame:
    """Every movement of the night for ``profile`` (and the twitches that are not LMs),
    sorted by onset, inside lights-off."""
    periodic = periodic_series(rng, plan, profile).sort_values("onset", ignore_index=True)
    second = doublets(rng, periodic, profile.doublet_prob)
    table = pd.concat(
        [
            shorten_before_doublets(periodic, second),
            second,
            isolated_movements(rng, plan, profile),
            hypnic_jerks(rng, plan, profile),
            respiratory_movements(rng, breathing, profile.respiratory_lm_prob),
            long_movements(rng, plan, profile),
            twitches(rng, plan),
        ],
        ignore_index=True,
    )
    inside = (table["onset"] > plan.lights_off + 1.0) & (
        table["onset"] + table["length"] + table["lag"] < plan.lights_on - 1.0
    )
    return table[inside].sort_values("onset", ignore_index=True)
