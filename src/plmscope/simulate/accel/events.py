"""Every movement of a simulated ankle night: leg movements per leg, and posture changes.

Leg movements (``kind``): ``periodic`` (in series, one or both legs, the second leg a little
late), ``isolated``, ``hypnic`` (jerks of both legs around sleep onset), ``wake`` (in quiet or
restless wake) — each with its size (``angle_deg``, how far the shank tilts; ``jitter_deg``,
how much it shakes meanwhile). Jerks shorter than 0.5 s are not LMs and go to the decoys.
Posture changes (``turnover``, ``shift``, ``out_of_bed``) move both legs and the direction of
gravity; they are never leg movements.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.simulate.accel.profiles import SHAPES, AccelProfile, MovementShape
from plmscope.simulate.accel.timeline import NightTimeline

LM_COLUMNS = ("leg", "onset", "offset", "kind", "angle_deg", "jitter_deg", "event_id")
POSTURE_COLUMNS = ("start", "end", "kind", "roll_from", "roll_to", "lag_s")
MIN_LM_S = 0.5
CLEARANCE_S = 0.8  # same-leg movements closer than this would be one movement: keep the first
POSTURE_CLEARANCE_S = 2.0


def _times_where(rng, mask_fn, n: int, start: float, end: float) -> np.ndarray:
    """``n`` uniform random times in [start, end) where ``mask_fn`` is True."""
    if n <= 0 or end <= start:
        return np.empty(0)
    t = rng.uniform(start, end, size=4 * n + 16)
    return np.sort(t[mask_fn(t)][:n])


def _sizes(rng, n: int, angle: tuple[float, float], jitter: tuple[float, float], small_share: float, scale: float):
    """Tilt and shake of ``n`` movements (log-uniform), a share of them small (near threshold)."""
    a = np.exp(rng.uniform(np.log(angle[0]), np.log(angle[1]), n)) * scale
    j = np.exp(rng.uniform(np.log(jitter[0]), np.log(jitter[1]), n)) * scale
    small = rng.random(n) < small_share
    a[small] = rng.uniform(1.6, 3.0, small.sum())
    j[small] = rng.uniform(0.1, 0.2, small.sum())
    return a, j


def _movements(rng, onsets, durations, kind, angle, jitter, bilateral, first_id, small_share, scale, lag_sd=0.25,
               shape: MovementShape = SHAPES["default"]):
    """Rows for movements starting at ``onsets``: one leg, or both (the second a little late)."""
    n = len(onsets)
    a, j = _sizes(rng, n, angle, jitter, small_share, scale)
    a, j, durations = a * shape.size, j * shape.shake, np.asarray(durations) * shape.duration
    legs = np.where(rng.random(n) < 0.5, "left", "right")
    both = rng.random(n) < bilateral
    rows = []
    for i in range(n):
        ids = first_id + i
        rows.append((legs[i], onsets[i], onsets[i] + durations[i], kind, a[i], j[i], ids))
        if both[i]:
            other = "right" if legs[i] == "left" else "left"
            lag = min(abs(rng.normal(0.0, lag_sd)), 1.5)
            dur = durations[i] * rng.uniform(0.75, 1.3)
            rows.append((other, onsets[i] + lag, onsets[i] + lag + dur, kind, a[i] * rng.uniform(0.7, 1.3), j[i] * rng.uniform(0.7, 1.3), ids))
    return rows


def _series_onsets(rng, timeline: NightTimeline, profile: AccelProfile) -> np.ndarray:
    """Onsets of periodic LMs: series of IMIs around a drawn mean, kept inside sleep."""
    target = profile.plms_per_h * timeline.sleep_seconds() / 3600.0
    onsets: list[float] = []
    busy: list[tuple[float, float]] = []
    tries = 0
    while len(onsets) < target and tries < 400:
        tries += 1
        start = rng.uniform(timeline.sleep_onset, timeline.final_awakening)
        mean = rng.uniform(*profile.imi_s)
        length = int(rng.integers(profile.series_length[0], profile.series_length[1] + 1))
        imis = np.clip(rng.normal(mean, profile.imi_cv * mean, length - 1), 11.0, 85.0)
        times = start + np.r_[0.0, np.cumsum(imis)]
        inside = timeline.asleep(times)
        stop = np.flatnonzero(~inside)
        times = times[: stop[0]] if stop.size else times
        if len(times) < 4 or any(times[0] < e + 60 and times[-1] > s - 60 for s, e in busy):
            continue
        busy.append((times[0], times[-1]))
        onsets.extend(times.tolist())
    return np.sort(np.asarray(onsets))


def _lognormal(rng, n: int, median: float, sigma: float, lo: float, hi: float) -> np.ndarray:
    return np.clip(median * np.exp(rng.normal(0.0, sigma, n)), lo, hi)


def plan_postures(
    rng, timeline: NightTimeline, profile: AccelProfile, shape: MovementShape = SHAPES["default"]
) -> pd.DataFrame:
    """Posture changes through the night (roll of the legs about their long axis, degrees)."""
    hours_sleep = timeline.sleep_seconds() / 3600
    restless_s = (timeline.out_of_bed - timeline.final_awakening) + sum(e - s for s, e in timeline.wake_bouts)
    n_sleep = rng.poisson(profile.posture_changes_per_h_sleep * shape.postures * hours_sleep)
    n_restless = rng.poisson(profile.restless_postures_per_h * restless_s / 3600)
    n_quiet = rng.poisson(profile.pre_sleep_postures_per_h * timeline.sleep_onset / 3600)
    times = np.sort(np.r_[
        _times_where(rng, timeline.asleep, n_sleep, 0, timeline.duration),
        _times_where(rng, timeline.restless, n_restless, 0, timeline.duration),
        _times_where(rng, timeline.quiet_wake, n_quiet, 0, timeline.duration),
    ])
    keep = np.r_[True, np.diff(times) > 40.0] if times.size else np.zeros(0, bool)
    times = times[keep]
    roll = float(rng.choice([0.0, 90.0, -90.0, 180.0], p=[0.45, 0.2, 0.2, 0.15]))
    rows = []
    for t in times:
        turnover = rng.random() < 0.55
        change = rng.choice([-1, 1]) * (rng.uniform(70, 180) if turnover else rng.uniform(20, 45))
        duration = rng.uniform(2.5, 7.0) if turnover else rng.uniform(1.5, 4.0)
        new = ((roll + change + 180.0) % 360.0) - 180.0
        rows.append((t, t + duration, "turnover" if turnover else "shift", roll, new, min(abs(rng.normal(0, 0.3)), 1.0)))
        roll = new
    if timeline.out_of_bed < timeline.duration:
        rows.append((timeline.out_of_bed, timeline.duration, "out_of_bed", roll, roll, 0.0))
    return pd.DataFrame(rows, columns=list(POSTURE_COLUMNS)).astype({"start": float, "end": float})


def plan_movements(
    rng: np.random.Generator, timeline: NightTimeline, profile: AccelProfile, postures: pd.DataFrame,
    shape: MovementShape = SHAPES["default"],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(leg movements, decoys): every movement of both legs, with the clashes resolved."""
    scale = rng.uniform(0.75, 1.35)  # how vigorously this sleeper moves
    rows: list[tuple] = []
    periodic = _series_onsets(rng, timeline, profile)
    rows += _movements(rng, periodic, _lognormal(rng, len(periodic), 1.8, 0.45, 0.6, 9.0), "periodic",
                       (3.0, 18.0), (0.15, 0.6), profile.bilateral_share, 0, 0.08, scale, shape=shape)
    n_iso = rng.poisson(profile.isolated_per_h * timeline.sleep_seconds() / 3600)
    iso = _times_where(rng, timeline.asleep, n_iso, 0, timeline.duration)
    rows += _movements(rng, iso, _lognormal(rng, len(iso), 2.2, 0.6, 0.6, 16.0), "isolated",
                       (3.0, 20.0), (0.15, 0.7), 0.25, 100_000, 0.08, scale, shape=shape)
    n_quiet = rng.poisson(profile.wake_lms_per_h * timeline.sleep_onset / 3600)
    restless_s = (timeline.out_of_bed - timeline.final_awakening) + sum(e - s for s, e in timeline.wake_bouts)
    n_restless = rng.poisson(profile.restless_lms_per_h * restless_s / 3600)
    wake = np.sort(np.r_[
        _times_where(rng, timeline.quiet_wake, n_quiet, 0, timeline.duration),
        _times_where(rng, timeline.restless, n_restless, 0, timeline.duration),
    ])
    rows += _movements(rng, wake, _lognormal(rng, len(wake), 3.0, 0.8, 0.6, 40.0), "wake",
                       (4.0, 28.0), (0.25, 1.0), 0.3, 200_000, 0.0, scale, shape=shape)
    k = int(rng.integers(profile.hypnic_jerks[0], profile.hypnic_jerks[1] + 1))
    jerks = np.sort(rng.uniform(timeline.sleep_onset - 120, timeline.sleep_onset + 300, k))
    rows += _movements(rng, jerks, rng.uniform(0.25, 1.1, k), "hypnic", (6.0, 20.0), (0.8, 1.6), 1.0,
                       300_000, 0.0, scale, lag_sd=0.05, shape=shape)
    table = pd.DataFrame(rows, columns=list(LM_COLUMNS)).astype({"onset": float, "offset": float})
    table = _clear_of_postures(table, postures)
    table = _one_at_a_time(table)
    short = (table["offset"] - table["onset"]) < MIN_LM_S
    decoys = table[short].assign(kind="too_short").reset_index(drop=True)
    return table[~short].reset_index(drop=True), decoys


def _clear_of_postures(table: pd.DataFrame, postures: pd.DataFrame) -> pd.DataFrame:
    """Movements that do not touch a posture change (give or take 2 s)."""
    if postures.empty or table.empty:
        return table
    on, off = table["onset"].to_numpy()[:, None], table["offset"].to_numpy()[:, None]
    start = postures["start"].to_numpy() - POSTURE_CLEARANCE_S
    end = postures["end"].to_numpy() + POSTURE_CLEARANCE_S
    return table[~((on < end) & (off > start)).any(axis=1)]


def _one_at_a_time(table: pd.DataFrame) -> pd.DataFrame:
    """Per leg, drop a movement that starts before the previous one has ended (plus clearance)."""
    keep = []
    for _, group in table.sort_values("onset").groupby("leg", sort=False):
        last_end = -np.inf
        for idx, on, off in zip(group.index, group["onset"], group["offset"], strict=True):
            if on >= last_end + CLEARANCE_S:
                keep.append(idx)
                last_end = off
    return table.loc[keep].sort_values(["onset", "leg"]).reset_index(drop=True)
