"""Things in a leg channel that are not leg movements: electrode pops, baseline steps, tonic EMG.

None of them is an LM, so none changes the truth table:

* An *electrode pop* is a sudden jump of 50–300 µV (either sign) that relaxes back within
  0.2 s (time constant 10–40 ms), as when an electrode's contact shifts.
* A *baseline step* multiplies the resting EMG noise by 1.5–2.5 for 2–10 min with sharp edges,
  as when an electrode's impedance changes.
* *Tonic activity* raises the rectified resting EMG by 3–6 µV for 1–5 min (mostly awake), with
  ramps of 3 s. The standard measures LMs from the resting level, and over minutes a tonic
  raise *is* the resting level (SCORING_RULES.md: a running baseline), so bursts on top of it
  are rendered, and scored, relative to it; the raise itself stays below the 8 µV onset.

Each returns a table (columns ``start, end, size``): steps ``size`` is the factor, tonic its
rise in µV, pops their signed height in µV.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .events import sample_times_in_stages
from .hypnogram import SleepPlan

DISTURBANCE_COLUMNS = ("leg", "kind", "start", "end", "size")
_ANY_STAGE = {s: 1.0 for s in ("W", "N1", "N2", "N3", "R")}
_TONIC_WEIGHT = {"W": 1.0, "N1": 0.3, "N2": 0.05}


def _periods(
    rng: np.random.Generator, plan: SleepPlan, count: int, lengths_s: tuple[float, float],
    weights: dict[str, float],
) -> list[tuple[float, float]]:
    """Up to ``count`` non-overlapping (start, end) periods starting in the weighted stages."""
    starts = sample_times_in_stages(rng, plan, weights, 5 * count)
    rows: list[tuple[float, float]] = []
    for start in rng.permutation(starts):  # a loop over a few candidate periods
        if len(rows) == count:
            break
        end = start + rng.uniform(*lengths_s)
        if end > plan.lights_on:
            continue  # cut short by lights on it would not be the lasting change it stands for
        if all(start > e + 30.0 or end + 30.0 < s for s, e in rows):
            rows.append((float(start), float(end)))
    return sorted(rows)


def baseline_steps(rng: np.random.Generator, plan: SleepPlan, per_h: float) -> pd.DataFrame:
    """Periods of 2–10 min where the resting noise is 1.5–2.5 times higher (sharp edges)."""
    hours = (plan.lights_on - plan.lights_off) / 3600.0
    spans = _periods(rng, plan, int(rng.poisson(per_h * hours)), (120.0, 600.0), _ANY_STAGE)
    sizes = rng.uniform(1.5, 2.5, len(spans))
    return pd.DataFrame([(s, e, k) for (s, e), k in zip(spans, sizes)], columns=["start", "end", "size"])


def tonic_periods(rng: np.random.Generator, plan: SleepPlan, per_h: float) -> pd.DataFrame:
    """Periods of 1–5 min, mostly awake, with the rectified resting EMG 3–6 µV higher."""
    hours = (plan.lights_on - plan.lights_off) / 3600.0
    spans = _periods(rng, plan, int(rng.poisson(per_h * hours)), (60.0, 300.0), _TONIC_WEIGHT)
    sizes = rng.uniform(3.0, 6.0, len(spans))
    return pd.DataFrame([(s, e, k) for (s, e), k in zip(spans, sizes)], columns=["start", "end", "size"])


def disturbed_rest(
    rest: np.ndarray, steps: pd.DataFrame, tonic: pd.DataFrame, fs: float, ramp_s: float = 3.0
) -> np.ndarray:
    """Resting EMG rms with the baseline steps (factor) and tonic raises (µV rectified) added."""
    out = rest.copy()
    for start, end, factor in steps[["start", "end", "size"]].itertuples(index=False):
        out[int(start * fs) : int(end * fs)] *= np.float32(factor)
    for start, end, rise in tonic[["start", "end", "size"]].itertuples(index=False):
        i0, i1 = int(start * fs), min(len(out), int(np.ceil(end * fs)))
        t = np.arange(i0, i1) / fs
        ramp = np.clip(np.minimum(t - start, end - t) / ramp_s, 0.0, 1.0)
        out[i0:i1] += (rise * np.sqrt(np.pi / 2.0) * ramp).astype(np.float32)  # rms of a mean rise
    return out


def electrode_pops(rng: np.random.Generator, plan: SleepPlan, per_h: float) -> pd.DataFrame:
    """Electrode pops: sudden 50–300 µV jumps (either sign) relaxing within 0.2 s; ``end`` is
    five time constants after ``start``."""
    hours = (plan.lights_on - plan.lights_off) / 3600.0
    starts = sample_times_in_stages(rng, plan, _ANY_STAGE, int(rng.poisson(per_h * hours)))
    heights = rng.uniform(50.0, 300.0, len(starts)) * rng.choice([-1.0, 1.0], len(starts))
    taus = rng.uniform(0.01, 0.04, len(starts))
    return pd.DataFrame({"start": starts, "end": starts + 5 * taus, "size": heights})


def pop_trace(pops: pd.DataFrame, n: int, fs: float) -> np.ndarray:
    """The pops as a signal (µV, length ``n``): a jump decaying exponentially back to zero."""
    trace = np.zeros(n, dtype=np.float32)
    for start, end, height in pops[["start", "end", "size"]].itertuples(index=False):
        tau, i0 = (end - start) / 5.0, int(start * fs)  # a loop over a few pops per hour
        t = np.arange(min(int(5 * tau * fs) + 1, n - i0)) / fs
        trace[i0 : i0 + len(t)] += (height * np.exp(-t / tau)).astype(np.float32)
    return trace


def leg_disturbances(
    rng: np.random.Generator,
    plan: SleepPlan,
    *,
    electrode_pops_per_h: float,
    baseline_steps_per_h: float,
    tonic_per_h: float,
) -> dict[str, pd.DataFrame]:
    """The baseline steps, tonic periods and electrode pops of one leg, by kind."""
    return {
        "baseline_step": baseline_steps(rng, plan, baseline_steps_per_h),
        "tonic": tonic_periods(rng, plan, tonic_per_h),
        "pop": electrode_pops(rng, plan, electrode_pops_per_h),
    }


def disturbance_table(per_leg: dict[str, dict[str, pd.DataFrame]]) -> pd.DataFrame:
    """All disturbances of the night as one table (leg, kind, start, end, size), by start."""
    parts = [
        t.assign(leg=leg, kind=kind) for leg, kinds in per_leg.items() for kind, t in kinds.items()
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("start", "end", "size") else "object")
                             for c in DISTURBANCE_COLUMNS})
    table = pd.concat(parts, ignore_index=True)[list(DISTURBANCE_COLUMNS)]
    return table.sort_values(["start", "leg"], ignore_index=True)
