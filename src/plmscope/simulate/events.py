"""Scored events of a simulated night: lights, apneas/hypopneas and arousals.

Breathing events come in clusters during sleep (most in REM and light NREM); an arousal
follows most of them, some periodic leg movements, and a few happen on their own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import EVENT_COLUMNS, SLEEP_STAGES
from .hypnogram import SleepPlan
from .profiles import Profile

#: How likely each sleep stage is to host a cluster of breathing events.
_APNEA_STAGE_WEIGHT = {"N1": 1.0, "N2": 1.0, "N3": 0.3, "R": 1.8}
#: (event, label, share, duration range s) of the breathing events simulated.
_BREATHING_KINDS = (
    ("apnea", "Obstructive Apnea", 0.45, (12.0, 35.0)),
    ("apnea", "Central Apnea", 0.10, (10.0, 25.0)),
    ("hypopnea", "Hypopnea", 0.45, (15.0, 45.0)),
)


def sample_times_in_stages(
    rng: np.random.Generator, plan: SleepPlan, weights: dict[str, float], n: int
) -> np.ndarray:
    """``n`` random times in lights-off epochs, each stage weighted by ``weights``."""
    w = np.array([weights.get(s, 0.0) for s in plan.stages], dtype=np.float64)
    epoch_start = np.arange(len(plan.stages)) * plan.epoch_s
    w[(epoch_start < plan.lights_off) | (epoch_start + plan.epoch_s > plan.lights_on)] = 0.0
    if n == 0 or w.sum() == 0:
        return np.empty(0)
    idx = rng.choice(len(w), size=n, p=w / w.sum())
    return np.sort(epoch_start[idx] + rng.uniform(0.0, plan.epoch_s, size=n))


def _cluster(rng: np.random.Generator, start: float, size: int) -> list[tuple]:
    """``size`` breathing events in a row starting at ``start``, with recovery breaths between."""
    shares = np.array([k[2] for k in _BREATHING_KINDS])
    rows, t = [], start
    for kind in rng.choice(len(_BREATHING_KINDS), size=size, p=shares / shares.sum()):
        event, label, _, (lo, hi) = _BREATHING_KINDS[kind]
        duration = float(rng.uniform(lo, hi))
        rows.append((t, duration, event, label))
        t += duration + rng.uniform(12.0, 35.0)
    return rows


def _cluster_sizes(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> np.ndarray:
    """How many events each cluster holds: a few clusters of 5–8 (demo) or ~10 per cluster."""
    if profile.apnea_clusters:
        return rng.integers(5, 9, size=profile.apnea_clusters)
    target = int(rng.poisson(profile.apneas_per_h * plan.hours_asleep))
    n_clusters = int(np.ceil(target / 10))
    return np.full(n_clusters, target // max(n_clusters, 1))


def no_breathing_events() -> pd.DataFrame:
    """An empty breathing-events table (for profiles without apneas)."""
    return pd.DataFrame(
        {
            "onset": pd.Series(dtype=float),
            "duration": pd.Series(dtype=float),
            "event": pd.Series(dtype=object),
            "label": pd.Series(dtype=object),
        }
    )


def simulate_breathing(rng: np.random.Generator, plan: SleepPlan, profile: Profile) -> pd.DataFrame:
    """Apneas and hypopneas in clusters during sleep (columns onset, duration, event, label)."""
    sizes = _cluster_sizes(rng, plan, profile)
    starts = sample_times_in_stages(rng, plan, _APNEA_STAGE_WEIGHT, len(sizes))
    rows: list[tuple] = []
    for start, size in zip(starts, sizes):
        rows.extend(_cluster(rng, float(start), int(size)))
    table = pd.DataFrame(rows, columns=["onset", "duration", "event", "label"])
    return _keep_in_sleep(plan, _drop_overlaps(table.astype({"onset": float, "duration": float})))


def _drop_overlaps(table: pd.DataFrame) -> pd.DataFrame:
    """Keep events that do not overlap an earlier kept one (clusters may collide)."""
    table = table.sort_values("onset").reset_index(drop=True)
    keep, last_end = [], -np.inf
    for onset, duration in zip(table["onset"], table["duration"]):
        keep.append(onset > last_end + 5.0)
        if keep[-1]:
            last_end = onset + duration
    return table[np.array(keep, dtype=bool)].reset_index(drop=True)


def _keep_in_sleep(plan: SleepPlan, table: pd.DataFrame) -> pd.DataFrame:
    """Keep events that start and end in sleep, inside lights-off."""
    start, end = table["onset"].to_numpy(), (table["onset"] + table["duration"]).to_numpy()
    ok = (
        np.isin(plan.stage_at(start), SLEEP_STAGES)
        & np.isin(plan.stage_at(end), SLEEP_STAGES)
        & (start > plan.lights_off)
        & (end < plan.lights_on)
    )
    return table[ok].reset_index(drop=True)


def simulate_arousals(
    rng: np.random.Generator,
    plan: SleepPlan,
    profile: Profile,
    breathing: pd.DataFrame,
    plm_onsets: np.ndarray,
) -> pd.DataFrame:
    """Arousals after most breathing events, with some periodic LMs, and a few on their own."""
    ends = (breathing["onset"] + breathing["duration"]).to_numpy()
    after_breathing = ends[rng.random(len(ends)) < 0.7] + rng.uniform(0.0, 3.0)
    plm = plm_onsets[rng.random(len(plm_onsets)) < profile.plm_arousal_prob]
    with_plm = plm + rng.uniform(-1.0, 1.5, size=len(plm))
    n_alone = int(rng.poisson(profile.spontaneous_arousals_per_h * plan.hours_asleep))
    alone = sample_times_in_stages(rng, plan, {s: 1.0 for s in SLEEP_STAGES}, n_alone)
    onsets = np.sort(np.concatenate([after_breathing, with_plm, alone]))
    onsets = onsets[np.isin(plan.stage_at(onsets), SLEEP_STAGES)]
    durations = rng.uniform(3.0, 12.0, size=len(onsets))
    table = pd.DataFrame({"onset": onsets, "duration": durations})
    table["event"], table["label"] = "arousal", "Arousal"
    return _drop_overlaps(table)


def events_table(plan: SleepPlan, breathing: pd.DataFrame, arousals: pd.DataFrame) -> pd.DataFrame:
    """All scored events in the canonical events table (onset, duration, event, leg, label)."""
    lights = pd.DataFrame(
        {
            "onset": [plan.lights_off, plan.lights_on],
            "duration": [0.0, 0.0],
            "event": ["lights_off", "lights_on"],
            "label": ["Lights off", "Lights on"],
        }
    )
    table = pd.concat([lights, breathing, arousals], ignore_index=True)
    table["leg"] = None
    table = table.sort_values("onset", kind="stable").reset_index(drop=True)
    return table[list(EVENT_COLUMNS)].astype({"onset": "float64", "duration": "float64"})
