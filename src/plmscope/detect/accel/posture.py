"""Posture changes and whole-body movements, told apart from leg movements.

A turn in bed moves both legs and leaves gravity pointing another way; a leg movement tilts the
shank for a moment and returns. A movement is a posture change when gravity stays turned by at
least ``posture_angle_deg`` on its leg and the other leg moves at the same time with a turn of
``posture_other_leg_deg`` (or, on one leg alone, by ``posture_alone_deg``; with one leg
recorded, by ``posture_angle_deg``). Every movement overlapping a posture change is part of it.
Posture changes are counted on their own; no LM is scored during one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plmscope.detect.accel.settings import AccelSettings

POSTURE_COLUMNS = ("onset", "offset", "legs", "turn_deg")


def _overlaps(a_on, a_off, b_on, b_off, slack: float) -> np.ndarray:
    """(len(a), len(b)) mask: interval i of a overlaps interval j of b, give or take ``slack``."""
    return (a_on[:, None] < b_off[None, :] + slack) & (a_off[:, None] > b_on[None, :] - slack)


def posture_flags(movements: dict[str, pd.DataFrame], settings: AccelSettings) -> dict[str, np.ndarray]:
    """Per leg, which detected movements are (part of) a posture change."""
    legs = list(movements)
    flags = {leg: np.zeros(len(movements[leg]), bool) for leg in legs}
    for leg in legs:
        m = movements[leg]
        turn = m["turn_deg"].to_numpy()
        if len(legs) == 1:
            flags[leg] |= turn >= settings.posture_angle_deg
            continue
        other = movements[legs[1 - legs.index(leg)]]
        both = _overlaps(
            m["onset"].to_numpy(), m["offset"].to_numpy(), other["onset"].to_numpy(), other["offset"].to_numpy(), 1.0
        )
        other_turns = (both & (other["turn_deg"].to_numpy()[None, :] >= settings.posture_other_leg_deg)).any(axis=1)
        flags[leg] |= (turn >= settings.posture_alone_deg) | ((turn >= settings.posture_angle_deg) & other_turns)
    spans = posture_spans(movements, flags, 0.0)
    for leg in legs:  # anything moving during a posture change is part of it
        m = movements[leg]
        if len(spans) and len(m):
            flags[leg] |= _overlaps(
                m["onset"].to_numpy(), m["offset"].to_numpy(), spans["onset"].to_numpy(), spans["offset"].to_numpy(), 0.5
            ).any(axis=1)
    return flags


def posture_spans(movements: dict[str, pd.DataFrame], flags: dict[str, np.ndarray], pad: float) -> pd.DataFrame:
    """The posture changes of the night (both legs joined): onset, offset, legs, largest turn."""
    parts = [
        pd.DataFrame({"onset": m["onset"][flags[leg]] - pad, "offset": m["offset"][flags[leg]] + pad,
                      "leg": leg, "turn": m["turn_deg"][flags[leg]]})
        for leg, m in movements.items()
    ]
    rows = pd.concat(parts, ignore_index=True).sort_values("onset") if parts else pd.DataFrame()
    out: list[list] = []
    for on, off, leg, turn in rows.itertuples(index=False, name=None):
        if out and on <= out[-1][1] + 1.0:
            out[-1][1] = max(out[-1][1], off)
            out[-1][2].add(leg)
            out[-1][3] = max(out[-1][3], turn)
        else:
            out.append([on, off, {leg}, turn])
    return pd.DataFrame(
        [(on, off, "+".join(sorted(legs)) if len(legs) == 1 else "both", round(float(t), 1)) for on, off, legs, t in out],
        columns=list(POSTURE_COLUMNS),
    ).astype({"onset": float, "offset": float})
