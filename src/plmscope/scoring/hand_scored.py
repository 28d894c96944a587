"""Leg movements scored elsewhere (by a technologist, by another program) as monolateral LMs.

This is what SOMAS scores from: a list of ``leg_movement`` events with a leg each. A movement
scored on both legs becomes one LM per leg (the rules then join them); one that names no leg
is put on the only recorded leg, or on the left leg, with a warning. Movements on the same leg
that overlap or are less than the offset hold (0.5 s) apart are one LM — an LM ends only after
0.5 s of rest (SCORING_RULES §1) — and are joined, with a warning (PLMScoRe does the same).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.night import LEGS


def join_same_leg(table: pd.DataFrame, min_gap_s: float) -> tuple[pd.DataFrame, int]:
    """Same-leg LMs overlapping or closer than ``min_gap_s`` joined into one; how many were joined.

    >>> lms = pd.DataFrame({"leg": ["left"] * 4, "onset": [10.0, 11.0, 12.3, 20.0],
    ...                     "offset": [12.0, 11.5, 14.0, 21.0]})
    >>> joined, n = join_same_leg(lms, 0.5)
    >>> joined[["onset", "offset"]].values.tolist(), n
    ([[10.0, 14.0], [20.0, 21.0]], 2)
    """
    parts = []
    for leg, rows in table.sort_values("onset", kind="stable").groupby("leg", sort=False):
        onset, offset = rows["onset"].to_numpy(float), rows["offset"].to_numpy(float)
        reach = np.maximum.accumulate(offset)  # furthest end so far: an LM inside a long one joins it
        starts = np.r_[True, onset[1:] >= reach[:-1] + min_gap_s]
        parts.append(pd.DataFrame({
            "leg": leg,
            "onset": onset[starts],
            "offset": np.maximum.reduceat(offset, np.flatnonzero(starts)),
        }))  # fmt: skip
    if not parts:
        return table, 0
    joined = pd.concat(parts, ignore_index=True)
    return joined, len(table) - len(joined)


def monolateral_from_events(
    events: pd.DataFrame, legs_recorded: tuple[str, ...], min_gap_s: float = 0.5
) -> tuple[pd.DataFrame, list[str]]:
    """Monolateral LMs (leg, onset, offset) from the ``leg_movement`` rows of an events table.

    Examples
    --------
    >>> events = pd.DataFrame({"onset": [10.0, 40.0], "duration": [1.0, 2.0],
    ...                        "event": ["leg_movement"] * 2, "leg": ["bilateral", None]})
    >>> table, warnings = monolateral_from_events(events, ("left", "right"))
    >>> table[["leg", "onset", "offset"]].values.tolist()
    [['left', 10.0, 11.0], ['right', 10.0, 11.0], ['left', 40.0, 42.0]]
    >>> warnings[0].startswith("1 scored leg movements name no leg")
    True
    """
    lms = events[events["event"] == "leg_movement"]
    warnings: list[str] = []
    legs = lms["leg"].fillna("").astype(str).str.lower()
    unnamed = ~legs.isin((*LEGS, "bilateral"))
    if unnamed.any():
        fallback = legs_recorded[0] if len(legs_recorded) == 1 else "left"
        warnings.append(
            f"{int(unnamed.sum())} scored leg movements name no leg; they were scored as "
            f"{fallback}-leg movements (bilateral LMs cannot be formed from them)"
        )
        legs = legs.where(~unnamed, fallback)
    table = pd.DataFrame(
        {
            "leg": legs.to_numpy(),
            "onset": lms["onset"].to_numpy(dtype=float),
            "offset": (lms["onset"] + lms["duration"].fillna(0.0)).to_numpy(dtype=float),
        }
    )
    both = table["leg"] == "bilateral"
    table = pd.concat(
        [table[~both], table[both].assign(leg="left"), table[both].assign(leg="right")],
        ignore_index=True,
    )
    table, n_joined = join_same_leg(table, min_gap_s)
    if n_joined:
        warnings.append(
            f"{n_joined} scored leg movements overlapped another on the same leg or followed it by "
            f"less than {min_gap_s:g} s and were joined to it (an LM ends only after {min_gap_s:g} s of rest)"
        )
    return table.sort_values(["onset", "leg"], kind="stable").reset_index(drop=True), warnings
