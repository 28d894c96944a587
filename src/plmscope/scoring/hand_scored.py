"""Leg movements scored elsewhere (by a technologist, by another program) as monolateral LMs.

This is what SOMAS scores from: a list of ``leg_movement`` events with a leg each. A movement
scored on both legs becomes one LM per leg (the rules then join them); one that names no leg
is put on the only recorded leg, or on the left leg, with a warning.
"""

from __future__ import annotations

import pandas as pd

from plmscope.night import LEGS


def monolateral_from_events(
    events: pd.DataFrame, legs_recorded: tuple[str, ...]
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
    return table.sort_values(["onset", "leg"], kind="stable").reset_index(drop=True), warnings
