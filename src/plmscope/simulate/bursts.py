"""From movements to EMG bursts on each leg: bilateral lags, clashes, near-threshold LMs, noise.

A *burst* is one leg's share of a movement (columns ``event_id, leg, start, length,
amplitude, kind, pattern, fragmented``); ``start``/``length`` describe the envelope in seconds
and ``amplitude`` its plateau in µV above the resting level (see ``emg``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import LEGS
from plmscope.rules import RuleSet
from .hypnogram import SleepPlan
from .movements import PRIORITY
from .shapes import short_lengths

#: Minimum quiet time between two bursts on one leg, so a detector sees two LMs, not one.
MIN_GAP_S = 1.2
#: Kinds that may be drawn near the detection threshold (not jerks or long movements).
_NEAR_THRESHOLD_KINDS = ("periodic", "isolated", "wake", "respiratory", "doublet")


def leg_bursts(rng: np.random.Generator, movements: pd.DataFrame) -> pd.DataFrame:
    """One row per leg per movement; the second leg of a bilateral one starts ``lag`` later."""
    m = movements.reset_index(drop=True)
    n = len(m)
    first = np.where(m["legs"] == "both", np.where(rng.random(n) < 0.5, "left", "right"), m["legs"])
    one = pd.DataFrame(
        {
            "event_id": np.arange(n),
            "leg": first,
            "start": m["onset"].to_numpy(),
            "length": m["length"].to_numpy(),
            "amplitude": m["amplitude"].to_numpy(),
            "kind": m["kind"].to_numpy(),
        }
    )
    both = (m["legs"] == "both").to_numpy()
    other = one[both].copy()
    other["leg"] = np.where(other["leg"] == "left", "right", "left")
    other["start"] += m["lag"].to_numpy()[both]
    floor = np.minimum(other["length"], 0.7)  # twitches stay twitches, LMs stay LMs
    other["length"] = np.maximum(floor, other["length"] * rng.lognormal(0.0, 0.15, len(other)))
    other["amplitude"] = np.maximum(12.0, other["amplitude"] * rng.lognormal(0.0, 0.3, len(other)))
    out = pd.concat([one, other], ignore_index=True).sort_values(
        ["start", "leg"], ignore_index=True
    )
    out["pattern"] = out["kind"]
    out["fragmented"] = True
    return out


def resolve_clashes(bursts: pd.DataFrame, gap: float = MIN_GAP_S) -> pd.DataFrame:
    """Drop bursts that would touch another on the same leg; long, jerk, respiratory win."""
    rank = bursts["kind"].map({k: i for i, k in enumerate(PRIORITY)}).to_numpy()
    order = np.lexsort((bursts["start"].to_numpy(), rank))
    keep = np.zeros(len(bursts), dtype=bool)
    kept: dict[str, list[tuple[float, float]]] = {leg: [] for leg in LEGS}
    for i in order:
        leg, start = bursts["leg"].iat[i], bursts["start"].iat[i]
        end = start + bursts["length"].iat[i]
        spans = np.array(kept[leg]).reshape(-1, 2)
        if not np.any((start < spans[:, 1] + gap) & (end + gap > spans[:, 0])):
            kept[leg].append((start, end))
            keep[i] = True
    return bursts[keep].reset_index(drop=True)


def mark_near_threshold(
    rng: np.random.Generator,
    bursts: pd.DataFrame,
    fraction: float,
    rules: RuleSet,
    fragmented: bool = False,
) -> pd.DataFrame:
    """Make ``fraction`` of all LM bursts barely detectable: plateau 0.7–3 µV above the onset
    threshold; with ``fragmented``, made of sub-bursts with short dips (< 0.5 s) between."""
    out = bursts.copy()
    eligible = np.flatnonzero(out["kind"].isin(_NEAR_THRESHOLD_KINDS).to_numpy())
    n = min(len(eligible), int(round(fraction * (out["kind"] != "twitch").sum())))
    chosen = out.index[rng.choice(eligible, size=n, replace=False)]
    lo = rules.onset_threshold_uv
    out.loc[chosen, "amplitude"] = rng.uniform(lo + 0.7, lo + 3.0, size=n)
    out.loc[chosen, "kind"] = "near_threshold"
    out.loc[chosen, "fragmented"] = fragmented
    return out


#: Kinds whose bursts may take a varied shape or be drawn short (LMs, not jerks or long ones).
_VARIED_KINDS = (*_NEAR_THRESHOLD_KINDS, "near_threshold")


def vary_bursts(rng: np.random.Generator, bursts: pd.DataFrame, shapes: str, short: float) -> pd.DataFrame:
    """Give LM bursts a ``shape`` (``classic`` or, with ``shapes="varied"``, drawn from
    ``simulate.shapes``) and make ``short`` of them last just over 0.5 s (truth 0.5–1 s)."""
    out = bursts.copy()
    lm = out["kind"].isin(_VARIED_KINDS).to_numpy()
    out["shape"] = np.where(lm & (shapes == "varied") & ~out["fragmented"].to_numpy(bool), "varied", "classic")
    chosen = np.flatnonzero(lm & (rng.random(len(out)) < short))
    out.loc[out.index[chosen], "length"] = np.minimum(out["length"].to_numpy()[chosen], short_lengths(rng, len(chosen)))
    return out


def noisy_periods(rng: np.random.Generator, plan: SleepPlan, count: int) -> pd.DataFrame:
    """``count`` non-overlapping periods of 2–10 min with EMG noise of 25–50 µV rms (columns
    start, end, level_uv), inside lights-off: a rectified resting level of 20–40 µV, beyond
    the unscorable limit of detectors."""
    span = plan.lights_on - plan.lights_off
    rows: list[tuple[float, float, float]] = []
    for _ in range(50 * count):
        if len(rows) == count:
            break
        length = min(rng.uniform(120.0, 600.0), 0.2 * span)
        start = rng.uniform(plan.lights_off, plan.lights_on - length)
        if all(start > e + 60.0 or start + length + 60.0 < s for s, e, _ in rows):
            rows.append((float(start), float(start + length), float(rng.uniform(25.0, 50.0))))
    rows.sort()
    return pd.DataFrame(rows, columns=["start", "end", "level_uv"])


def drop_inside(bursts: pd.DataFrame, periods: pd.DataFrame, margin: float = 3.0) -> pd.DataFrame:
    """Drop bursts touching a noisy period (± ``margin`` s): no truth LM where none is visible."""
    start = bursts["start"].to_numpy()[:, None]
    end = start[:, 0][:, None] + bursts["length"].to_numpy()[:, None]
    hit = (start < periods["end"].to_numpy() + margin) & (
        end > periods["start"].to_numpy() - margin
    )
    return bursts[~hit.any(axis=1)].reset_index(drop=True)
